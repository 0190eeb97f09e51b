import type { Poll } from '../lib/protocol';
import { useI18n } from '../i18n/context';

const count = (votes: number | null): number => Math.max(0, votes ?? 0);

/** The share of each option, rounded, as whole percents of all choices made. */
export function pollShares(poll: Poll): number[] {
  const total = poll.options.reduce((sum, o) => sum + count(o.votes), 0);
  return poll.options.map((o) => (total > 0 ? Math.round((count(o.votes) * 100) / total) : 0));
}

/** Poll results as labelled bars; the bar width is set through the CSSOM, which the CSP allows. */
export function PollResults({ poll, large = false }: { poll: Poll; large?: boolean }) {
  const { t } = useI18n();
  const shares = pollShares(poll);
  return (
    <div class={`poll-results${large ? ' poll-results--large' : ''}`}>
      <ul class="poll-results__list">
        {poll.options.map((option, index) => (
          <li class="poll-results__row" key={index}>
            <div class="poll-results__label">
              <span class="poll-results__text">{option.text}</span>
              <span class="poll-results__value">{t.polls.percent(shares[index] ?? 0, count(option.votes))}</span>
            </div>
            <div class="poll-results__track" aria-hidden="true">
              <div class="poll-results__bar" style={{ width: `${shares[index] ?? 0}%` }} />
            </div>
          </li>
        ))}
      </ul>
      <p class="poll-results__voters">{t.polls.voters(poll.voters)}</p>
    </div>
  );
}

/**
 * Whether this client has the results: the server decides (moderators always;
 * everyone else once the poll is closed, while it shows them live, or once a
 * moderator revealed them) and sends no counts otherwise.
 */
export function resultsVisible(poll: Poll): boolean {
  return poll.results_visible ?? poll.options.every((o) => typeof o.votes === 'number');
}
