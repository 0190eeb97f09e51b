import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import type { Question } from '../lib/protocol';
import { participantView, type ParticipantOrder } from '../lib/queue';
import { QuestionMeta } from '../components/QuestionMeta';
import { QuestionReply } from '../components/QuestionReply';

interface Props {
  questions: Iterable<Question>;
  myVotes: ReadonlySet<string>;
  meId: string | null;
  /** null while the participant has not joined: no voting yet */
  onVote: ((question: Question, on: boolean) => void) | null;
  /** a replay: the counts as they were, nothing to vote on */
  readOnly?: boolean;
}

export function QuestionsPanel({ questions, myVotes, meId, onVote, readOnly = false }: Props) {
  const { t } = useI18n();
  const [order, setOrder] = useState<ParticipantOrder>('popular');
  const { list, mine } = participantView(questions, order, meId);
  const textOf = (id: string) => list.find((q) => q.id === id)?.text ?? null;

  return (
    <section class="card questions" aria-labelledby="questions-title">
      <div class="card__head">
        <h2 id="questions-title" class="card__title">
          {t.questions.heading} <span class="count">{list.length}</span>
        </h2>
        <div class="segmented" role="group" aria-label={t.questions.order}>
          {(['popular', 'recent'] as const).map((o) => (
            <button key={o} type="button" class="segmented__option" aria-pressed={order === o} onClick={() => setOrder(o)}>
              {t.questions[o]}
            </button>
          ))}
        </div>
      </div>

      {mine.length > 0 && (
        <div class="questions__mine">
          <h3 class="questions__subtitle">{t.questions.mine}</h3>
          <ul class="question-list">
            {mine.map((q) => (
              <li key={q.id} class="question question--mine" data-state={q.state} data-question-id={q.id}>
                <p class="question__text">{q.text}</p>
                <p class="question__meta">
                  <span class={`badge badge--${q.state}`}>{t.questions.state[q.state] ?? q.state}</span>
                </p>
                {q.state === 'merged' && q.merged_into && (
                  <p class="question__merged">{t.questions.mergedInto(textOf(q.merged_into))}</p>
                )}
                <QuestionReply question={q} />
              </li>
            ))}
          </ul>
        </div>
      )}

      {list.length === 0 ? (
        <p class="card__text">{readOnly ? t.questions.emptyAtReplay : t.questions.empty}</p>
      ) : (
        <ul class="question-list">
          {list.map((q) => {
            const voted = myVotes.has(q.id);
            return (
              <li key={q.id} class={`question${q.highlighted ? ' question--stage' : ''}`} data-state={q.state} data-question-id={q.id}>
                <div class="question__body">
                  <p class="question__text">{q.text}</p>
                  <QuestionMeta question={q} />
                  <QuestionReply question={q} />
                </div>
                {readOnly ? (
                  <p class="vote vote--count">
                    <span class="vote__arrow" aria-hidden="true">▲</span>
                    <span class="vote__count" aria-hidden="true">{q.votes}</span>
                    <span class="visually-hidden">{t.live.votes(q.votes)}</span>
                  </p>
                ) : (
                  <button
                    type="button"
                    class="vote"
                    aria-pressed={voted}
                    aria-label={voted ? t.questions.unvote(q.votes) : t.questions.vote(q.votes)}
                    disabled={onVote === null || q.state === 'answered'}
                    onClick={() => onVote?.(q, !voted)}
                  >
                    <span class="vote__arrow" aria-hidden="true">▲</span>
                    <span class="vote__count">{q.votes}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
