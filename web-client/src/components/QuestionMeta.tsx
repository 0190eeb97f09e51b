import { useI18n } from '../i18n/context';
import type { Question } from '../lib/protocol';
import { formatTime } from '../lib/time';

/** Author, time and badges of a question. The author's name is user text: rendered as text. */
export function QuestionMeta({ question, showAnonymousFlag = false }: { question: Question; showAnonymousFlag?: boolean }) {
  const { t, locale, timeZone } = useI18n();
  const author = question.author?.name
    ? showAnonymousFlag
      ? t.moderator.author(question.author.name, question.anonymous === true)
      : question.author.name
    : t.live.anonymous;
  return (
    <p class="question__meta">
      <span class="question__author">{author}</span>
      <span aria-hidden="true"> · </span>
      <time dateTime={question.created_at}>{formatTime(question.created_at, { locale, timeZone })}</time>
      {question.edited && <span class="question__edited"> · {t.live.edited}</span>}
      {question.highlighted && <span class="badge badge--stage">{t.live.onStage}</span>}
      {question.state === 'answered' && <span class="badge badge--answered">{t.live.answered}</span>}
      {question.merged && question.merged.length > 0 && (
        <span class="badge badge--merged">{t.live.mergedCount(question.merged.length)}</span>
      )}
    </p>
  );
}
