import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LANG,
  LANG_STORAGE_KEY,
  LANGUAGES,
  loadMessages,
  messagesIfLoaded,
  kindLabel,
  loadLang,
  resolveLocale,
  saveLang,
  sessionStateLabel,
  streamStatusLabel,
} from '../src/i18n';
import { en } from '../src/i18n/en';
import { ru } from '../src/i18n/ru';

/** Every key path of a messages object, functions included. */
function shape(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [`${prefix}:${typeof value}`];
  return Object.keys(value)
    .sort()
    .flatMap((key) => shape((value as Record<string, unknown>)[key], `${prefix}.${key}`));
}

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    data,
  };
}

const throwingStorage = {
  getItem: (): string | null => {
    throw new DOMException('denied', 'SecurityError');
  },
  setItem: (): void => {
    throw new DOMException('full', 'QuotaExceededError');
  },
};

describe('messages', () => {
  it('Russian and English have the same strings', () => {
    expect(shape(en)).toEqual(shape(ru));
  });

  it('Russian is the default language', () => {
    expect(DEFAULT_LANG).toBe('ru');
    expect(messagesIfLoaded('ru')).toBe(ru);
    expect(LANGUAGES.ru.defaultLocale).toBe(ru.defaultLocale);
    expect(LANGUAGES.en.defaultLocale).toBe(en.defaultLocale);
    expect(LANGUAGES.ru.name).toBe(ru.languageName);
    expect(LANGUAGES.en.name).toBe(en.languageName);
  });

  it('loads English only when asked for, once', async () => {
    const first = loadMessages('en');
    expect(await first).toBe(en);
    expect(messagesIfLoaded('en')).toBe(en);
    expect(await loadMessages('en')).toBe(en);
  });

  it('counts halls and sessions with Russian plural forms', () => {
    expect(ru.agenda.summary(1, 1)).toBe('1 зал · 1 сессия');
    expect(ru.agenda.summary(3, 2)).toBe('3 зала · 2 сессии');
    expect(ru.agenda.summary(5, 11)).toBe('5 залов · 11 сессий');
    expect(ru.agenda.summary(21, 22)).toBe('21 зал · 22 сессии');
    expect(en.agenda.summary(1, 7)).toBe('1 hall · 7 sessions');
  });

  it('writes durations', () => {
    expect(ru.agenda.duration(90)).toBe('1 ч 30 мин');
    expect(ru.agenda.duration(45)).toBe('45 мин');
    expect(en.agenda.duration(120)).toBe('2 h');
  });
});

describe('kindLabel', () => {
  it('translates the demo kinds', () => {
    expect(kindLabel(ru, 'panel')).toBe('Панельная дискуссия');
    expect(kindLabel(ru, 'round_table')).toBe('Круглый стол');
    expect(kindLabel(ru, 'presentation')).toBe('Презентация');
    expect(kindLabel(ru, 'plenary')).toBe('Пленарное заседание');
    expect(kindLabel(ru, 'workshop')).toBe('Мастер-класс');
    expect(kindLabel(en, 'round_table')).toBe('Round table');
  });

  it('falls back to the raw kind, readable', () => {
    expect(kindLabel(ru, 'hackathon')).toBe('hackathon');
    expect(kindLabel(en, 'fireside_chat')).toBe('fireside chat');
  });

  it('is not fooled by inherited property names', () => {
    expect(kindLabel(ru, 'toString')).toBe('toString');
    expect(kindLabel(ru, 'constructor')).toBe('constructor');
  });
});

describe('state labels', () => {
  it('knows the contract values and nothing else', () => {
    expect(sessionStateLabel(ru, 'live')).toBe('Идёт сейчас');
    expect(sessionStateLabel(en, 'ended')).toBe('Ended');
    expect(sessionStateLabel(ru, 'paused')).toBeNull();
    expect(streamStatusLabel(ru, 'slate')).toBe('Перерыв в трансляции');
    expect(streamStatusLabel(en, 'offline')).toBe('No stream');
    expect(streamStatusLabel(en, 'weird')).toBeNull();
  });
});

describe('the remembered language', () => {
  it('is Russian when nothing was saved', () => {
    expect(loadLang(memoryStorage())).toBe('ru');
  });

  it('is what was saved', () => {
    const storage = memoryStorage();
    saveLang('en', storage);
    expect(storage.data.get(LANG_STORAGE_KEY)).toBe('en');
    expect(loadLang(storage)).toBe('en');
  });

  it('ignores a value that is not a language', () => {
    expect(loadLang(memoryStorage({ [LANG_STORAGE_KEY]: 'de' }))).toBe('ru');
  });

  it('survives storage that throws or is missing', () => {
    expect(loadLang(throwingStorage)).toBe('ru');
    expect(() => saveLang('en', throwingStorage)).not.toThrow();
    expect(loadLang(null)).toBe('ru');
  });
});

describe('resolveLocale', () => {
  it("takes the browser's regional variant of the chosen language", () => {
    expect(resolveLocale('en', ['ru-RU', 'en-US'])).toBe('en-US');
    expect(resolveLocale('ru', ['en-GB', 'ru-KZ'])).toBe('ru-KZ');
    expect(resolveLocale('ru', ['ru'])).toBe('ru');
  });

  it("falls back to the language's default locale", () => {
    expect(resolveLocale('en', ['ru-RU'])).toBe('en-GB');
    expect(resolveLocale('ru', [])).toBe('ru-RU');
  });

  it('does not take a tag of another language that starts the same', () => {
    expect(resolveLocale('en', ['eno'])).toBe('en-GB');
  });
});
