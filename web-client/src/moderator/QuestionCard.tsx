import { useEffect, useRef, useState } from 'preact/hooks';
import { AuthorPlace } from '../components/AuthorPlace';
import { QuestionMeta } from '../components/QuestionMeta';
import { useI18n } from '../i18n/context';
import type { ModerateAction, Question } from '../lib/protocol';
import { actionsFor, KEY_OF } from './actions';

interface Props {
  question: Question;
  editing: boolean;
  /** the roving tab stop of the lists */
  tabStop: boolean;
  onAction: (q: Question, action: ModerateAction, text?: string) => void;
  onEdit: (id: string | null) => void;
  onFocus: (id: string) => void;
}

export function QuestionCard({ question: q, editing, tabStop, onAction, onEdit, onFocus }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(q.text);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (editing) {
      setDraft(q.text);
      box.current?.focus();
    }
  }, [editing]);

  const save = () => {
    if (draft.trim() && draft !== q.text) onAction(q, 'edit', draft.trim());
    onEdit(null);
  };

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
        {editing ? (
          <div class="field">
            <label class="visually-hidden" for={`edit-${q.id}`}>
              {t.moderator.editLabel}
            </label>
            <textarea
              id={`edit-${q.id}`}
              ref={box}
              class="input"
              rows={3}
              value={draft}
              onInput={(e) => setDraft(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  onEdit(null);
                } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  save();
                }
              }}
            />
            <div class="form__actions">
              <button type="button" class="button button--primary button--small" onClick={save}>
                {t.moderator.actions.save}
              </button>
              <button type="button" class="button button--small" onClick={() => onEdit(null)}>
                {t.moderator.actions.cancel}
              </button>
            </div>
          </div>
        ) : (
          <p class="question__text">{q.text}</p>
        )}
        <QuestionMeta question={q} showAnonymousFlag />
        <AuthorPlace author={q.author} />
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
              onClick={() => (action === 'edit' ? onEdit(q.id) : onAction(q, action))}
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
