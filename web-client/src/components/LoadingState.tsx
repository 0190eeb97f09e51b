import { useI18n } from '../i18n/context';

export function LoadingState() {
  const { t } = useI18n();
  return (
    <div class="loading" role="status" aria-live="polite">
      <span class="loading__spinner" aria-hidden="true" />
      <span>{t.app.loading}</span>
    </div>
  );
}
