import { useState } from 'preact/hooks';
import { PollResults } from '../components/PollResults';
import { useI18n } from '../i18n/context';
import type { Poll } from '../lib/protocol';

export const MAX_OPTIONS = 10;

export interface NewPoll {
  question: string;
  options: string[];
  multi: boolean;
  live_results: boolean;
  formal: boolean;
}

interface Props {
  polls: readonly Poll[];
  /** resolves true once the server has the poll */
  onCreate: (poll: NewPoll) => Promise<boolean>;
  onControl: (poll: Poll, action: 'open' | 'close' | 'reveal') => void;
}

/** Builds a poll (a draft), then opens and closes it; shows every poll's results to the moderator. */
export function PollBuilder({ polls, onCreate, onControl }: Props) {
  const { t } = useI18n();
  const m = t.moderator;
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState(['', '']);
  const [multi, setMulti] = useState(false);
  const [liveResults, setLiveResults] = useState(false);
  const [formal, setFormal] = useState(false);
  const [busy, setBusy] = useState(false);
  const filled = options.map((o) => o.trim()).filter(Boolean);
  const valid = question.trim() !== '' && filled.length >= 2;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!valid || busy) return;
    setBusy(true);
    try {
      if (await onCreate({ question: question.trim(), options: filled, multi, live_results: liveResults, formal })) {
        setQuestion('');
        setOptions(['', '']);
        setFormal(false);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card poll-builder" aria-labelledby="polls-title">
      <h2 id="polls-title" class="card__title">
        {m.polls}
      </h2>
      {polls.map((poll) => (
        <article key={poll.id} class="poll" data-poll-id={poll.id} data-state={poll.state} aria-label={poll.question}>
          <p class={`badge badge--poll-${poll.state}`}>{t.polls.state[poll.state] ?? poll.state}</p>
          {poll.formal && <p class="badge badge--formal">{t.polls.formal}</p>}
          <h3 class="poll__question">{poll.question}</h3>
          <PollResults poll={poll} />
          <div class="form__actions">
            {poll.state === 'draft' && (
              <button type="button" class="button button--primary button--small" onClick={() => onControl(poll, 'open')}>
                {m.openPoll}
              </button>
            )}
            {poll.state === 'open' && !poll.live_results && (
              <button type="button" class="button button--small" onClick={() => onControl(poll, 'reveal')}>
                {m.revealResults}
              </button>
            )}
            {poll.state === 'open' && (
              <button type="button" class="button button--small" onClick={() => onControl(poll, 'close')}>
                {m.closePoll}
              </button>
            )}
          </div>
        </article>
      ))}
      <form class="form poll-builder__form" onSubmit={submit}>
        <h3 class="questions__subtitle">{m.pollBuilder}</h3>
        <div class="field">
          <label for="poll-q">{m.pollQuestion}</label>
          <input id="poll-q" class="input" value={question} onInput={(e) => setQuestion(e.currentTarget.value)} />
        </div>
        {options.map((option, index) => (
          <div class="field field--inline" key={index}>
            <label for={`poll-o${index}`}>{m.pollOption(index + 1)}</label>
            <input
              id={`poll-o${index}`}
              class="input"
              value={option}
              onInput={(e) => setOptions(options.map((o, i) => (i === index ? e.currentTarget.value : o)))}
            />
            {options.length > 2 && (
              <button
                type="button"
                class="button button--small"
                aria-label={m.removeOption(index + 1)}
                onClick={() => setOptions(options.filter((_, i) => i !== index))}
              >
                ×
              </button>
            )}
          </div>
        ))}
        {options.length < MAX_OPTIONS && (
          <button type="button" class="button button--small" onClick={() => setOptions([...options, ''])}>
            {m.addOption}
          </button>
        )}
        <label class="check">
          <input type="checkbox" checked={multi} onChange={(e) => setMulti(e.currentTarget.checked)} />
          <span>{m.multi}</span>
        </label>
        <label class="check">
          <input type="checkbox" checked={liveResults} onChange={(e) => setLiveResults(e.currentTarget.checked)} />
          <span>{m.liveResults}</span>
        </label>
        <label class="check">
          <input type="checkbox" checked={formal} onChange={(e) => setFormal(e.currentTarget.checked)} />
          <span>{m.formal}</span>
        </label>
        <div class="form__actions">
          <button type="submit" class="button button--primary" aria-disabled={!valid || busy}>
            {m.createPoll}
          </button>
        </div>
      </form>
    </section>
  );
}
