import { useEffect, useRef, useState } from 'preact/hooks';
import { fetchStats, type SessionStats } from '../api/regions';
import { useI18n } from '../i18n/context';

/** The stats are asked for again this often, and soon after the questions change. */
export const STATS_EVERY_MS = 20_000;
export const STATS_AFTER_CHANGE_MS = 1_500;
/** Rows shown; the rest are summed up in one line. */
const SHOWN = 8;

interface Props {
  sessionId: string;
  token: string;
  /** changes when the session's questions change (a count, a seq): the panel refreshes soon after */
  changeKey: number;
  /** injectable for tests */
  load?: typeof fetchStats;
}

/** The regional picture of a session for the staff (contract 7.1): participants and askers per region. */
export function RegionPanel({ sessionId, token, changeKey, load = fetchStats }: Props) {
  const { t, locale } = useI18n();
  const [stats, setStats] = useState<SessionStats | null>(null);
  const [failed, setFailed] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    let stopped = false;
    const refresh = () => {
      if (timer.current) clearTimeout(timer.current);
      load(sessionId, token).then(
        (s) => {
          if (stopped) return;
          setStats(s);
          setFailed(false);
        },
        () => !stopped && setFailed(true),
      );
      timer.current = setTimeout(refresh, STATS_EVERY_MS);
    };
    timer.current = setTimeout(refresh, stats ? STATS_AFTER_CHANGE_MS : 0);
    return () => {
      stopped = true;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [sessionId, token, changeKey, load]);

  const named = stats?.regions.filter((r) => r.region !== null).length ?? 0;
  const rows = stats?.regions.slice(0, SHOWN) ?? [];
  const rest = (stats?.regions.length ?? 0) - rows.length;
  const number = (n: number) => n.toLocaleString(locale);
  return (
    <section class="card regions" aria-labelledby="regions-title">
      <h2 id="regions-title" class="card__title">
        {t.regions.panel}
      </h2>
      {stats && <p class="regions__summary">{t.regions.summary(stats.participants, named, stats.askers)}</p>}
      {stats && stats.regions.length === 0 && <p class="card__text">{t.regions.empty}</p>}
      {rows.length > 0 && (
        <table class="regions__table">
          <thead>
            <tr>
              <th scope="col">{t.regions.region}</th>
              <th scope="col">{t.regions.participants}</th>
              <th scope="col">{t.regions.askers}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.region ?? ''} data-region={r.region ?? ''}>
                <th scope="row" class={r.region === null ? 'regions__none' : undefined}>
                  {r.region ?? t.regions.none}
                </th>
                <td>{number(r.participants)}</td>
                <td>{number(r.askers)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rest > 0 && <p class="regions__more">{t.regions.more(rest)}</p>}
      {failed && (
        <p class="regions__failed" role="status">
          {t.regions.failed}
        </p>
      )}
    </section>
  );
}
