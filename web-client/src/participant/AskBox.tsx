import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { RequestError } from '../lib/connection';
import type { Question } from '../lib/protocol';
import { codePoints } from '../lib/text';
import { SimilarHints, useSimilarQuestions, type FindSimilar } from './SimilarHints';

/** The contract's default question limit (code points after trimming). */
export const QUESTION_MAX = 500;

interface Props {
  qaOpen: boolean;
  /** sends the question; resolves with whether it waits for moderation */
  onAsk: (text: string, anonymous: boolean) => Promise<{ pending: boolean }>;
  max?: number;
  /** looks up the questions like the one being typed; null: no hints (not connected) */
  findSimilar?: FindSimilar | null;
  questions?: Readonly<Record<string, Question>>;
  myVotes?: ReadonlySet<string>;
  onVote?: ((id: string, on: boolean) => void) | null;
}

const NO_QUESTIONS: Readonly<Record<string, Question>> = {};
const NO_VOTES: ReadonlySet<string> = new Set();

export function AskBox({
  qaOpen,
  onAsk,
  max = QUESTION_MAX,
  findSimilar = null,
  questions = NO_QUESTIONS,
  myVotes = NO_VOTES,
  onVote = null,
}: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const similar = useSimilarQuestions(qaOpen ? text : '', findSimilar);
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const used = codePoints(text);
  const over = used - max;

  if (!qaOpen) {
    return (
      <section class="card ask" aria-labelledby="ask-title">
        <h2 id="ask-title" class="card__title">
          {t.ask.heading}
        </h2>
        <p class="card__text">{t.ask.closed}</p>
      </section>
    );
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || used === 0 || over > 0) return;
    setBusy(true);
    setResult(null);
    try {
      const { pending } = await onAsk(text.trim(), anonymous);
      setText('');
      setResult({ ok: true, message: pending ? t.ask.sentPending : t.ask.sentPublished });
    } catch (cause) {
      setResult({ ok: false, message: t.live.requestError(cause instanceof RequestError ? cause.code : 'internal') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card ask" aria-labelledby="ask-title">
      <h2 id="ask-title" class="card__title">
        {t.ask.heading}
      </h2>
      <form class="form" onSubmit={submit}>
        <div class="field">
          <label for="ask-text">{t.ask.label}</label>
          <textarea
            id="ask-text"
            class="input ask__text"
            rows={3}
            value={text}
            aria-describedby="ask-hint ask-counter"
            aria-invalid={over > 0}
            onInput={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
            }}
          />
          <div class="ask__row">
            <p id="ask-hint" class="field__hint">
              {t.ask.hint}
            </p>
            <p id="ask-counter" class={`ask__counter${over > 0 ? ' ask__counter--over' : ''}`}>
              {over > 0 ? t.ask.tooLong(over) : t.ask.counter(used, max)}
            </p>
          </div>
          <SimilarHints found={similar} questions={questions} myVotes={myVotes} onVote={onVote} />
        </div>
        <label class="check">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} />
          <span>{t.ask.anonymous}</span>
        </label>
        <div class="form__actions">
          <button type="submit" class="button button--primary" aria-disabled={busy || used === 0 || over > 0}>
            {busy ? t.ask.sending : t.ask.submit}
          </button>
        </div>
        <p class={`form__result${result && !result.ok ? ' form__error' : ''}`} role="status">
          {result?.message ?? ''}
        </p>
      </form>
    </section>
  );
}
