import type { LoadError } from '../api/errors';
import type { Messages } from '../i18n';
import { useI18n } from '../i18n/context';

export function errorMessage(t: Messages, error: LoadError): string {
  switch (error.kind) {
    case 'network':
      return t.error.network;
    case 'timeout':
      return t.error.timeout;
    case 'http':
      return t.error.http(error.status ?? 0);
    case 'data':
      return t.error.data;
  }
}

interface Props {
  error: LoadError;
  retrying: boolean;
  onRetry: () => void;
}

/** Shown instead of the agenda when it cannot be loaded; the retry button keeps focus while it works. */
export function ErrorState({ error, retrying, onRetry }: Props) {
  const { t } = useI18n();
  return (
    <section class="notice notice--error" role="alert" aria-labelledby="load-error-title">
      <h1 id="load-error-title" class="notice__title">
        {t.error.title}
      </h1>
      <p class="notice__text">{errorMessage(t, error)}</p>
      <button
        type="button"
        class="button button--primary"
        // aria-disabled rather than disabled: a disabled button drops keyboard focus.
        aria-disabled={retrying}
        aria-busy={retrying}
        onClick={() => {
          if (!retrying) onRetry();
        }}
      >
        {retrying ? t.error.retrying : t.error.retry}
      </button>
    </section>
  );
}
