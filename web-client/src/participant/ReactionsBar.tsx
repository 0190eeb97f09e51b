import { useRef } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { REACTION_KINDS, type ReactionKind, type Reactions } from '../lib/protocol';

const EMOJI: Record<ReactionKind, string> = { applause: '👏', heart: '❤️', like: '👍', laugh: '😄', wow: '😮' };

/** A participant may not flood the room: one reaction per button every so often. */
export const REACT_EVERY_MS = 400;

interface Props {
  reactions: Reactions | null;
  /** changes with every reactions event; re-keys the counts so their CSS pop replays */
  tick: number;
  onReact: ((kind: ReactionKind) => void) | null;
  /** false with the data saver on: the counts change without their pop */
  animate?: boolean;
}

/** Reaction buttons with the room's running count for the last moment. */
export function ReactionsBar({ reactions, tick, onReact, animate = true }: Props) {
  const { t } = useI18n();
  const last = useRef<Record<string, number>>({});
  return (
    <div class={`reactions${animate ? '' : ' reactions--still'}`} role="group" aria-label={t.reactions.heading}>
      {REACTION_KINDS.map((kind) => {
        const count = reactions?.counts[kind] ?? 0;
        return (
          <button
            key={kind}
            type="button"
            class="reaction"
            data-kind={kind}
            disabled={onReact === null}
            aria-label={count > 0 ? `${t.reactions.names[kind]}: ${count}` : t.reactions.names[kind]}
            onClick={() => {
              const now = Date.now();
              if (now - (last.current[kind] ?? 0) < REACT_EVERY_MS) return;
              last.current[kind] = now;
              onReact?.(kind);
            }}
          >
            <span class="reaction__emoji" aria-hidden="true">
              {EMOJI[kind]}
            </span>
            {count > 0 && (
              <span key={animate ? `${kind}-${tick}` : kind} class="reaction__count" aria-hidden="true">
                {count}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
