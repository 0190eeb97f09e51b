import { useState } from 'preact/hooks';
import { PollResults, resultsVisible } from '../components/PollResults';
import { useI18n } from '../i18n/context';
import { RequestError } from '../lib/connection';
import type { Poll } from '../lib/protocol';

interface Props {
  polls: Readonly<Record<string, Poll>>;
  /** this participant's answers by poll id */
  ballots: Readonly<Record<string, readonly number[]>>;
  /** null until the participant has joined */
  onVote: ((poll: Poll, choices: number[]) => Promise<unknown>) | null;
  /** a verified delegate (a portal's token), who may vote in formal polls */
  verified?: boolean;
}

/** Open polls to answer and closed ones with their results; drafts stay with the moderator. */
export function PollsPanel({ polls, ballots, onVote, verified = false }: Props) {
  const { t } = useI18n();
  const shown = Object.values(polls)
    .filter((p) => p.state === 'open' || p.state === 'closed')
    // open ones first, then the latest closed
    .sort((a, b) => (a.state === 'open' ? 0 : 1) - (b.state === 'open' ? 0 : 1) || (a.id < b.id ? 1 : -1));
  if (shown.length === 0) return null;

  return (
    <section class="card polls" aria-labelledby="polls-title">
      <h2 id="polls-title" class="card__title">
        {t.polls.heading}
      </h2>
      {shown.map((poll) => (
        <PollCard
          key={poll.id}
          poll={poll}
          mine={ballots[poll.id] ?? null}
          verified={verified}
          onVote={onVote && ((choices) => onVote(poll, choices))}
        />
      ))}
    </section>
  );
}

interface CardProps {
  poll: Poll;
  mine: readonly number[] | null;
  verified: boolean;
  onVote: ((choices: number[]) => Promise<unknown>) | null;
}

function PollCard({ poll, mine, verified, onVote }: CardProps) {
  const { t } = useI18n();
  const [choices, setChoices] = useState<number[]>(() => [...(mine ?? [])]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = `poll-${poll.id}-title`;
  const open = poll.state === 'open';
  const formal = poll.formal === true;
  // A formal ballot is final; a self-declared participant is told why they cannot cast one.
  const locked = formal && mine !== null;
  const barred = formal && !verified;

  const toggle = (index: number, checked: boolean) => {
    if (!poll.multi) setChoices([index]);
    else setChoices(checked ? [...new Set([...choices, index])].sort((a, b) => a - b) : choices.filter((c) => c !== index));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!onVote || busy || locked || choices.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      await onVote(choices);
    } catch (cause) {
      const code = cause instanceof RequestError ? cause.code : 'internal';
      if (formal && code === 'forbidden') setError(t.polls.formalUnverified);
      else if (formal && code === 'conflict') setError(t.polls.formalVoted);
      else setError(t.live.requestError(code));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article class="poll" aria-labelledby={titleId} data-poll-id={poll.id} data-state={poll.state}>
      <p class={`badge badge--poll-${poll.state}`}>{t.polls.state[poll.state] ?? poll.state}</p>
      {formal && <p class="badge badge--formal">{t.polls.formal}</p>}
      <h3 id={titleId} class="poll__question">
        {poll.question}
      </h3>
      {formal && open && <p class="field__hint">{t.polls.formalHint}</p>}
      {open && onVote && barred && (
        <p class="poll__barred" role="note">
          {t.polls.formalUnverified}
        </p>
      )}
      {open && onVote && !barred && (
        <form class="poll__form" onSubmit={submit}>
          <fieldset class="poll__options">
            <legend class="visually-hidden">{poll.question}</legend>
            {poll.multi && <p class="field__hint">{t.polls.multiHint}</p>}
            {poll.options.map((option, index) => (
              <label class="check poll__option" key={index}>
                <input
                  type={poll.multi ? 'checkbox' : 'radio'}
                  name={`poll-${poll.id}`}
                  checked={choices.includes(index)}
                  disabled={locked}
                  onChange={(e) => toggle(index, e.currentTarget.checked)}
                />
                <span>{option.text}</span>
              </label>
            ))}
          </fieldset>
          {!locked && (
            <button type="submit" class="button button--primary" aria-disabled={busy || choices.length === 0}>
              {mine ? t.polls.change : t.polls.vote}
            </button>
          )}
          <p class={error ? 'form__error' : 'form__result'} role="status">
            {error ?? (mine ? (formal ? t.polls.formalVoted : t.polls.voted) : '')}
          </p>
        </form>
      )}
      {resultsVisible(poll) ? (
        <PollResults poll={poll} />
      ) : (
        open && <p class="field__hint">{t.polls.hiddenResults}</p>
      )}
    </article>
  );
}
