import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
  id: string;
  label: string;
  /** show the label (a reply box), or keep it for screen readers (the editor, where the text speaks for itself) */
  showLabel?: boolean;
  initial: string;
  submitLabel: string;
  cancelLabel: string;
  /** the trimmed text; an empty one cancels */
  onSubmit: (text: string) => void;
  onCancel: () => void;
}

/** A text box opened on a question (an edit, a written reply): Ctrl+Enter submits, Esc cancels. */
export function TextPanel({ id, label, showLabel = false, initial, submitLabel, cancelLabel, onSubmit, onCancel }: Props) {
  const [draft, setDraft] = useState(initial);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => box.current?.focus(), []);
  const submit = () => {
    const text = draft.trim();
    if (text) onSubmit(text);
    else onCancel();
  };
  return (
    <div class="field">
      <label class={showLabel ? undefined : 'visually-hidden'} for={id}>
        {label}
      </label>
      <textarea
        id={id}
        ref={box}
        class="input"
        rows={3}
        value={draft}
        onInput={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <div class="form__actions">
        <button type="button" class="button button--primary button--small" onClick={submit}>
          {submitLabel}
        </button>
        <button type="button" class="button button--small" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
