import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { formatTime } from '../lib/time';

/** The time of day in the reader's zone, updated every few seconds. */
export function Clock({ className = 'clock' }: { className?: string }) {
  const { t, locale, timeZone } = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 5_000);
    return () => clearInterval(timer);
  }, []);
  const iso = now.toISOString();
  return (
    <time class={className} dateTime={iso} aria-label={`${t.live.clock}: ${formatTime(iso, { locale, timeZone })}`}>
      {formatTime(iso, { locale, timeZone })}
    </time>
  );
}
