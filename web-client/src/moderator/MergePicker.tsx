import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import type { Question } from '../lib/protocol';

interface Props {
  question: Question;
  /** the questions it may go into: the queue (approved and answered), best match first */
  targets: Question[];
  onMerge: (into: string) => void;
  onCancel: () => void;
}

/** Chooses the question to merge into (contract 7.2): the similar one is chosen already. */
export function MergePicker({ question: q, targets, onMerge, onCancel }: Props) {
  const { t } = useI18n();
  const [into, setInto] = useState(q.similar_to?.id ?? targets[0]?.id ?? '');
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => select.current?.focus(), []);
  return (
    <div
      class="field mod-q__merge"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <label for={`merge-${q.id}`}>
        {t.moderator.mergeTarget}
      </label>
      <select id={`merge-${q.id}`} ref={select} class="input" value={into} onChange={(e) => setInto(e.currentTarget.value)}>
        {targets.map((target) => (
          <option key={target.id} value={target.id}>
            {target.text}
          </option>
        ))}
      </select>
      <div class="form__actions">
        <button type="button" class="button button--primary button--small" disabled={!into} onClick={() => onMerge(into)}>
          {t.moderator.mergeConfirm}
        </button>
        <button type="button" class="button button--small" onClick={onCancel}>
          {t.moderator.actions.cancel}
        </button>
      </div>
    </div>
  );
}
