import { LANGS, MESSAGES } from '../i18n';
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
          lang={MESSAGES[option].lang}
          aria-pressed={option === lang}
          onClick={() => setLang(option)}
        >
          {MESSAGES[option].languageName}
        </button>
      ))}
    </div>
  );
}
