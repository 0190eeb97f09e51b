import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { loadLang, saveLang, type Lang } from '../i18n';
import { I18nProvider, makeI18n, type I18n } from '../i18n/context';
import { LanguageSwitch } from './LanguageSwitch';

/** The chosen interface language (remembered), as an I18n for the page; keeps <html lang> in step. */
export function usePageI18n(timeZone?: string, locale?: string): I18n {
  const [lang, setLangState] = useState<Lang>(() => loadLang());
  const setLang = useCallback((next: Lang) => {
    saveLang(next);
    setLangState(next);
  }, []);
  const i18n = useMemo(() => makeI18n(lang, setLang, timeZone, locale), [lang, setLang, timeZone, locale]);
  useEffect(() => {
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
