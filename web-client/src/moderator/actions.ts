import type { ModerateAction, Question } from '../lib/protocol';

/** What a moderator opens on a question instead of acting at once. */
export type Panel = 'edit' | 'reply' | 'merge';

export function isPanel(action: ModerateAction): action is Panel {
  return action === 'edit' || action === 'reply' || action === 'merge';
}

/** The moderation actions that make sense for a question in its state, in button order. */
export function actionsFor(q: Question): ModerateAction[] {
  switch (q.state) {
    case 'pending':
      return ['approve', 'reject', 'merge', 'edit', 'reply'];
    case 'approved':
      return [q.highlighted ? 'unhighlight' : 'highlight', 'answer', 'reply', 'edit', 'merge', 'archive', 'reject'];
    case 'answered':
      return ['reply', 'archive', 'restore'];
    case 'merged':
      return []; // folded into another question for good
    default:
      return ['restore'];
  }
}

/** Keyboard shortcuts of the fast path; `h` toggles the stage. */
export const SHORTCUTS: Record<string, (q: Question) => ModerateAction> = {
  a: () => 'approve',
  r: () => 'reject',
  h: (q) => (q.highlighted ? 'unhighlight' : 'highlight'),
  d: () => 'answer',
  x: () => 'archive',
  u: () => 'restore',
  e: () => 'edit',
  m: () => 'merge',
  w: () => 'reply',
};

export const KEY_OF: Partial<Record<ModerateAction, string>> = {
  approve: 'A',
  reject: 'R',
  highlight: 'H',
  unhighlight: 'H',
  answer: 'D',
  archive: 'X',
  restore: 'U',
  edit: 'E',
  merge: 'M',
  reply: 'W',
};
