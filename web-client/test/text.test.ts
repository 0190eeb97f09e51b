import { describe, expect, it } from 'vitest';
import { langAttr, scriptLang, typeset } from '../src/lib/text';

describe('typeset', () => {
  it('keeps a dash off the start of a line', () => {
    expect(typeset('Малая родина — сила России')).toBe('Малая родина\u00a0— сила России');
    expect(typeset('10 – 12')).toBe('10\u00a0– 12');
  });

  it('leaves hyphens and other text alone', () => {
    expect(typeset('Ростов-на-Дону')).toBe('Ростов-на-Дону');
    expect(typeset('<b>—</b>')).toBe('<b>—</b>');
  });
});

describe('the language of server texts', () => {
  it('takes Cyrillic as Russian', () => {
    expect(scriptLang('Сила в людях')).toBe('ru');
    expect(scriptLang('Plenary')).toBeUndefined();
  });

  it('marks a Russian text only inside a page in another language', () => {
    expect(langAttr('Сила в людях', 'en')).toBe('ru');
    expect(langAttr('Сила в людях', 'ru')).toBeUndefined();
    expect(langAttr('Main stage', 'ru')).toBeUndefined();
  });
});
