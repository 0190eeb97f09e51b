import { AuthorPlace } from '../components/AuthorPlace';
import { QuestionMeta } from '../components/QuestionMeta';
import { QuestionReply } from '../components/QuestionReply';
import { TextPanel } from '../components/TextPanel';
import { useI18n } from '../i18n/context';
import type { ModerateAction, Question } from '../lib/protocol';
import { actionsFor, isPanel, KEY_OF, type Panel } from './actions';
import { MergePicker } from './MergePicker';

export interface ActionDetails {
  text?: string;
  into?: string;
}

interface Props {
  question: Question;
  /** what is open on this card */
  panel: Panel | null;
  /** the roving tab stop of the lists */
  tabStop: boolean;
  /** another question of the session, as this page knows it */
  lookup: (id: string) => Question | undefined;
  /** the questions it may be merged into */
  mergeTargets: Question[];
  onAction: (q: Question, action: ModerateAction, details?: ActionDetails) => void;
  onPanel: (id: string | null, panel?: Panel) => void;
  onFocus: (id: string) => void;
}

export function QuestionCard({ question: q, panel, tabStop, lookup, mergeTargets, onAction, onPanel, onFocus }: Props) {
  const { t } = useI18n();
  const close = () => onPanel(null);
  const similar = q.state === 'pending' && q.similar_to ? lookup(q.similar_to.id) : undefined;
  const mergedInto = q.state === 'merged' && q.merged_into ? (lookup(q.merged_into)?.text ?? null) : null;

  return (
    <li
      class={`mod-q${q.highlighted ? ' mod-q--stage' : ''}`}
      data-question-id={q.id}
      data-state={q.state}
      tabIndex={tabStop ? 0 : -1}
      aria-label={q.text}
      onFocusIn={() => onFocus(q.id)}
    >
      <div class="mod-q__main">
        {panel === 'edit' ? (
          <TextPanel
            id={`edit-${q.id}`}
            label={t.moderator.editLabel}
            initial={q.text}
            submitLabel={t.moderator.actions.save}
            cancelLabel={t.moderator.actions.cancel}
            onSubmit={(text) => {
              if (text !== q.text) onAction(q, 'edit', { text });
              close();
            }}
            onCancel={close}
          />
        ) : (
          <p class="question__text">{q.text}</p>
        )}
        <QuestionMeta question={q} showAnonymousFlag />
        <AuthorPlace author={q.author} />
        {q.state === 'merged' && <p class="question__merged">{t.moderator.mergedInto(mergedInto)}</p>}
        {similar && q.similar_to && (
          <div class="mod-q__similar" data-similar-id={similar.id}>
            <p>
              {t.moderator.similarTo(Math.round(q.similar_to.score * 100))} «{similar.text}»
            </p>
            <button
              type="button"
              class="button button--small mod-q__action--merge-similar"
              onClick={() => onAction(q, 'merge', { into: similar.id })}
            >
              {t.moderator.mergeIntoSimilar}
            </button>
          </div>
        )}
        <QuestionReply question={q} />
        {panel === 'reply' && (
          <TextPanel
            id={`reply-${q.id}`}
            label={t.moderator.replyLabel}
            showLabel
            initial={q.reply?.text ?? ''}
            submitLabel={t.moderator.sendReply}
            cancelLabel={t.moderator.actions.cancel}
            onSubmit={(text) => {
              onAction(q, 'reply', { text });
              close();
            }}
            onCancel={close}
          />
        )}
        {panel === 'merge' && (
          <MergePicker
            question={q}
            targets={mergeTargets}
            onMerge={(into) => {
              onAction(q, 'merge', { into });
              close();
            }}
            onCancel={close}
          />
        )}
      </div>
      <div class="mod-q__side">
        <span class="mod-q__votes">{t.live.votes(q.votes)}</span>
        <div class="mod-q__actions">
          {actionsFor(q).map((action) => (
            <button
              key={action}
              type="button"
              class={`button button--small mod-q__action mod-q__action--${action}`}
              aria-keyshortcuts={KEY_OF[action]}
              aria-expanded={isPanel(action) ? panel === action : undefined}
              onClick={() => (isPanel(action) ? onPanel(panel === action ? null : q.id, action) : onAction(q, action))}
            >
              {t.moderator.actions[action]}
              <kbd aria-hidden="true">{KEY_OF[action]}</kbd>
            </button>
          ))}
        </div>
      </div>
    </li>
  );
}
