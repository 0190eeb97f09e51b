import { useI18n } from '../i18n/context';
import type { Question } from '../lib/protocol';

/** A question's written answer (contract 7.3), under it on every page. The text is user text: rendered as text. */
export function QuestionReply({ question }: { question: Question }) {
  const { t } = useI18n();
  const reply = question.reply;
  if (!reply || typeof reply.text !== 'string') return null;
  return (
    <div class="question__reply">
      <p class="question__reply-by">{reply.by ? t.questions.replyBy(reply.by) : t.questions.reply}</p>
      <p class="question__reply-text">{reply.text}</p>
    </div>
  );
}
