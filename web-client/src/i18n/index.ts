import { localStore, readStored, writeStored, type StorageLike } from '../lib/storage';
import type { Messages } from './messages';
import { ru } from './ru';

export type { Messages } from './messages';

/** Interface languages, in the order their switch buttons appear. Russian first: it is the default. */
export const LANGS = ['ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'ru';

/** Each language's name in itself, its `lang` tag and its locale, known before its strings are loaded. */
export const LANGUAGES: Record<Lang, { name: string; defaultLocale: string }> = {
  ru: { name: 'Русский', defaultLocale: 'ru-RU' },
  en: { name: 'English', defaultLocale: 'en-GB' },
};

// Russian is in every page's first download; English only when someone chooses it (a phone on 3G reading
// Russian does not pay for the English strings).
const loaded: Partial<Record<Lang, Messages>> = { ru };
const loading: Partial<Record<Lang, Promise<Messages>>> = {};

/** A language's strings when they are already here, else null (see loadMessages). */
export function messagesIfLoaded(lang: Lang): Messages | null {
  return loaded[lang] ?? null;
}

/** A language's strings, fetched once. */
export function loadMessages(lang: Lang): Promise<Messages> {
  const ready = loaded[lang];
  if (ready) return Promise.resolve(ready);
  loading[lang] ??= import('./en').then(({ en }) => (loaded.en = en));
  return loading[lang];
}

/** localStorage key of the participant's language choice */
export const LANG_STORAGE_KEY = 'veche.lang';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** The saved language, or Russian. Never throws: storage may be missing or locked. */
export function loadLang(storage: StorageLike | null = localStore()): Lang {
  const saved = readStored(LANG_STORAGE_KEY, storage);
  return isLang(saved) ? saved : DEFAULT_LANG;
}

/** Remembers the choice; losing it (full or disabled storage) is not an error worth showing. */
export function saveLang(lang: Lang, storage: StorageLike | null = localStore()): void {
  writeStored(LANG_STORAGE_KEY, lang, storage);
}

function browserLanguages(): readonly string[] {
  const nav = globalThis.navigator;
  if (!nav) return [];
  if (nav.languages && nav.languages.length > 0) return nav.languages;
  return nav.language ? [nav.language] : [];
}

/**
 * The locale for dates and times: the browser's own preference within the
 * chosen language (so an en-US reader gets "1:05 PM", an en-GB one "13:05"),
 * else the language's default.
 */
export function resolveLocale(lang: Lang, preferred: readonly string[] = browserLanguages()): string {
  const match = preferred.find((tag) => tag.toLowerCase() === lang || tag.toLowerCase().startsWith(`${lang}-`));
  if (match) {
    try {
      // Reject tags Intl does not understand rather than throw later while rendering.
      return Intl.DateTimeFormat.supportedLocalesOf([match])[0] ?? LANGUAGES[lang].defaultLocale;
    } catch {
      return LANGUAGES[lang].defaultLocale;
    }
  }
  return LANGUAGES[lang].defaultLocale;
}

/** The translated label of a session kind; an unknown kind is shown as sent, readable. */
export function kindLabel(t: Messages, kind: string): string {
  if (Object.prototype.hasOwnProperty.call(t.kinds, kind)) return t.kinds[kind] as string;
  return kind.replace(/_/g, ' ');
}

export function sessionStateLabel(t: Messages, state: string): string | null {
  switch (state) {
    case 'scheduled':
    case 'live':
    case 'ended':
      return t.sessionState[state];
    default:
      return null;
  }
}

export function streamStatusLabel(t: Messages, status: string): string | null {
  switch (status) {
    case 'live':
    case 'slate':
    case 'offline':
      return t.streamStatus[status];
    default:
      return null;
  }
}
