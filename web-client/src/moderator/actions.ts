import type { ModerateAction, Question } from '../lib/protocol';

/** The moderation actions that make sense for a question in its state, in button order. */
export function actionsFor(q: Question): ModerateAction[] {
  switch (q.state) {
    case 'pending':
      return ['approve', 'reject', 'edit'];
    case 'approved':
      return [q.highlighted ? 'unhighlight' : 'highlight', 'answer', 'edit', 'archive', 'reject'];
    case 'answered':
      return ['archive', 'restore'];
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
};
