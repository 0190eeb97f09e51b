import type { ConnectionStatus } from '../lib/connection';
import { formatTime } from '../lib/time';
import { useI18n } from '../i18n/context';

interface Props {
  status: ConnectionStatus;
  onRetry: () => void;
  /** the page shows what it kept on the device at this time (ms): said while offline */
  keptAt?: number | null;
}

/** Says when the page is not live. A status region, so it is announced once, politely. */
export function ConnectionBanner({ status, onRetry, keptAt = null }: Props) {
  const { t, locale, timeZone } = useI18n();
  const offline = status === 'offline';
  const text = offline ? t.live.offline : status === 'connecting' ? t.live.connecting : '';
  const kept = offline && keptAt !== null ? t.live.keptAt(formatTime(new Date(keptAt).toISOString(), { locale, timeZone })) : '';
  return (
    <div class={`conn-banner${offline ? ' conn-banner--offline' : ''}${text ? '' : ' conn-banner--hidden'}`} role="status">
      {text && (
        <div class="container conn-banner__inner">
          <span>
            {text}
            {kept && <span class="conn-banner__kept"> {kept}</span>}
          </span>
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
