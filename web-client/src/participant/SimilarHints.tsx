import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import type { Question, SimilarQuestion } from '../lib/protocol';
import { codePoints } from '../lib/text';

/** The question typed so far is looked up once it has this many characters… */
export const SIMILAR_MIN_CHARS = 8;
/** …and the typing has paused this long: one request per pause, not per keystroke. */
export const SIMILAR_DEBOUNCE_MS = 300;
/** Hints shown at most. */
export const SIMILAR_SHOWN = 3;

export type FindSimilar = (text: string) => Promise<SimilarQuestion[]>;

/**
 * The questions similar to the text being typed (the `similar` request,
 * contract 7.2). The last answer stays while the next is on its way; an
 * answer to an older text is dropped.
 */
export function useSimilarQuestions(text: string, find: FindSimilar | null): SimilarQuestion[] {
  const [found, setFound] = useState<SimilarQuestion[]>([]);
  const latest = useRef({ ticket: 0, query: '' });
  useEffect(() => {
    const query = text.trim();
    if (!find || codePoints(query) < SIMILAR_MIN_CHARS) {
      latest.current = { ticket: latest.current.ticket + 1, query: '' };
      setFound([]);
      return;
    }
    if (query === latest.current.query) return;
    const timer = setTimeout(() => {
      const ticket = latest.current.ticket + 1;
      latest.current = { ticket, query };
      const settle = (list: SimilarQuestion[]) => {
        if (latest.current.ticket === ticket) setFound(list);
      };
      find(query).then(settle, () => settle([]));
    }, SIMILAR_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, find]);
  return found;
}

interface Props {
  found: SimilarQuestion[];
  /** the session's questions as this participant sees them: live vote counts and states */
  questions: Readonly<Record<string, Question>>;
  myVotes: ReadonlySet<string>;
  onVote: ((id: string, on: boolean) => void) | null;
}

/** «Похожий вопрос уже задан — поддержите его»: up to three questions of the hall, each with its vote button. */
export function SimilarHints({ found, questions, myVotes, onVote }: Props) {
  const { t } = useI18n();
  // The hall's questions only: one's own incoming question is no one else's to support.
  const shown = found
    .filter((s) => {
      const q = questions[s.id];
      return !q || q.state === 'approved' || q.state === 'answered';
    })
    .slice(0, SIMILAR_SHOWN);
  return (
    <div class="similar" aria-live="polite">
      {shown.length > 0 && (
        <>
          <p class="similar__title">{t.ask.similarTitle}</p>
          <ul class="similar__list">
            {shown.map((s) => {
              const q = questions[s.id];
              const votes = q?.votes ?? s.votes;
              const voted = myVotes.has(s.id);
              return (
                <li key={s.id} class="similar__item" data-question-id={s.id}>
                  <p class="similar__text">{q?.text ?? s.text}</p>
                  <button
                    type="button"
                    class="vote vote--small"
                    aria-pressed={voted}
                    aria-label={voted ? t.questions.unvote(votes) : t.questions.vote(votes)}
                    disabled={onVote === null || q?.state === 'answered'}
                    onClick={() => onVote?.(s.id, !voted)}
                  >
                    <span class="vote__arrow" aria-hidden="true">
                      ▲
                    </span>
                    <span class="vote__count">{votes}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
