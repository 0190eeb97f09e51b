import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { resolveLocale, type Lang, type Messages } from './index';

export interface I18n {
  lang: Lang;
  t: Messages;
  /** locale for Intl formatting */
  locale: string;
  /** IANA zone for times; undefined = the browser's own */
  timeZone: string | undefined;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n | null>(null);

/** `t`: the strings of `lang` (loaded: see loadMessages in ./index). */
export function makeI18n(lang: Lang, t: Messages, setLang: (lang: Lang) => void, timeZone?: string, locale?: string): I18n {
  return { lang, t, locale: locale ?? resolveLocale(lang), timeZone, setLang };
}

export function I18nProvider(props: { value: I18n; children: ComponentChildren }) {
  return <I18nContext.Provider value={props.value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() outside <I18nProvider>');
  return value;
}
