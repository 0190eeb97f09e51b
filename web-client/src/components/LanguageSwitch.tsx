import { LANGS, LANGUAGES } from '../i18n';
import { useI18n } from '../i18n/context';

/**
 * Two toggle buttons, each labelled in its own language (and marked with
 * that `lang`, so a screen reader pronounces "English" as English).
 */
export function LanguageSwitch() {
  const { lang, t, setLang } = useI18n();
  return (
    <div class="lang-switch" role="group" aria-label={t.language.label}>
      {LANGS.map((option) => (
        <button
          key={option}
          type="button"
          class="lang-switch__option"
          lang={option}
          aria-pressed={option === lang}
          onClick={() => setLang(option)}
        >
          {LANGUAGES[option].name}
        </button>
      ))}
    </div>
  );
}
