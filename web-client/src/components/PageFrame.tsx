import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { DEFAULT_LANG, loadLang, loadMessages, messagesIfLoaded, saveLang, type Lang, type Messages } from '../i18n';
import { I18nProvider, makeI18n, type I18n } from '../i18n/context';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * The chosen interface language (remembered), as an I18n for the page; keeps <html lang> in step. A language
 * whose strings are still on their way keeps the page in the one shown before (Russian at the start) until
 * they arrive.
 */
export function usePageI18n(timeZone?: string, locale?: string): I18n {
  const [lang, setLangState] = useState<Lang>(() => loadLang());
  const [, arrived] = useState(0);
  const ready = messagesIfLoaded(lang);
  const last = useRef<{ lang: Lang; t: Messages }>({ lang: DEFAULT_LANG, t: messagesIfLoaded(DEFAULT_LANG)! });
  if (ready) last.current = last.current.t === ready ? last.current : { lang, t: ready };
  const shown = last.current;
  useEffect(() => {
    if (ready) return undefined;
    let current = true;
    void loadMessages(lang).then(() => current && arrived((n) => n + 1));
    return () => {
      current = false;
    };
  }, [lang, ready]);
  const setLang = useCallback((next: Lang) => {
    saveLang(next);
    setLangState(next);
  }, []);
  const i18n = useMemo(
    () => makeI18n(shown.lang, shown.t, setLang, timeZone, locale),
    [shown, setLang, timeZone, locale],
  );
  // With the render that shows the language, not a frame later.
  useLayoutEffect(() => {
    document.documentElement.lang = i18n.t.lang;
  }, [i18n]);
  return i18n;
}

interface Props {
  i18n: I18n;
  /** the skip link's text; defaults to "skip to the main content" */
  skipLabel?: string;
  /** shown in the top bar between the mark and the language switch (e.g. the page's role) */
  barLabel?: string;
  /** extra class on <body>-level wrapper, e.g. for the projector's dark theme */
  variant?: string;
  children: ComponentChildren;
}

/** Every page's frame: skip link, top bar with the language switch, and <main>. */
export function PageFrame({ i18n, skipLabel, barLabel, variant, children }: Props) {
  return (
    <I18nProvider value={i18n}>
      <div class={variant ? `page page--${variant}` : 'page'}>
        <a class="skip-link" href="#main">
          {skipLabel ?? i18n.t.app.skipToMain}
        </a>
        <header class="topbar">
          <div class="container topbar__inner">
            <span class="brand">
              <span class="brand__mark" aria-hidden="true" />
              <span class="brand__name">{i18n.t.app.name}</span>
              {barLabel && <span class="brand__role">{barLabel}</span>}
            </span>
            <LanguageSwitch />
          </div>
        </header>
        <main id="main" class="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </I18nProvider>
  );
}
