// Small helpers for texts that come from the server (titles, names). They
// return plain strings: the page renders them as text, never as markup.

/**
 * Russian typesetting: a dash never starts a line, so the space before it
 * becomes a non-breaking one ("Малая родина — сила России" wraps after the
 * dash, not before it).
 */
export function typeset(text: string): string {
  return text.replace(/ ([—–]) /g, '\u00a0$1 ');
}

const CYRILLIC = /[\u0400-\u04ff]/;

/**
 * The language of a server text when its script tells it: Cyrillic is taken
 * as Russian, the forum's language. Otherwise undefined (inherit the page's).
 */
export function scriptLang(text: string): 'ru' | undefined {
  return CYRILLIC.test(text) ? 'ru' : undefined;
}

/**
 * `lang` for an element holding a server text in a page in `pageLang`, set
 * only when it differs: a screen reader in the English interface then still
 * reads a Russian title with a Russian voice.
 */
export function langAttr(text: string, pageLang: string): string | undefined {
  const lang = scriptLang(text);
  return lang !== undefined && lang !== pageLang ? lang : undefined;
}

/** Length as the server counts it: Unicode code points after trimming white space. */
export function codePoints(text: string): number {
  return [...text.trim()].length;
}
