import type { ConnectionStatus } from '../lib/connection';
import { useI18n } from '../i18n/context';

interface Props {
  status: ConnectionStatus;
  onRetry: () => void;
}

/** Says when the page is not live. A status region, so it is announced once, politely. */
export function ConnectionBanner({ status, onRetry }: Props) {
  const { t } = useI18n();
  const offline = status === 'offline';
  const text = offline ? t.live.offline : status === 'connecting' ? t.live.connecting : '';
  return (
    <div class={`conn-banner${offline ? ' conn-banner--offline' : ''}${text ? '' : ' conn-banner--hidden'}`} role="status">
      {text && (
        <div class="container conn-banner__inner">
          <span>{text}</span>
          {offline && (
            <button type="button" class="button button--small" onClick={onRetry}>
              {t.live.retryNow}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
