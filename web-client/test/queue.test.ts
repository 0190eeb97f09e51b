import { describe, expect, it } from 'vitest';
import { highlighted, moderatorBuckets, participantView, speakerQueue } from '../src/lib/queue';
import { q } from './live-fixtures';

const at = (minute: number) => `2026-01-15T10:${String(minute).padStart(2, '0')}:00Z`;

describe('question orders', () => {
  const questions = [
    q('old-few', { votes: 1, created_at: at(1) }),
    q('answered', { state: 'answered', votes: 50, created_at: at(0) }),
    q('new-many', { votes: 9, created_at: at(5) }),
    q('old-many', { votes: 9, created_at: at(2) }),
    q('hl', { highlighted: true, votes: 0, created_at: at(9) }),
    q('pending', { state: 'pending', votes: 99, created_at: at(3) }),
    q('rejected', { state: 'rejected', created_at: at(4) }),
    q('archived', { state: 'archived', created_at: at(6) }),
  ];

  it('speaker queue: highlighted, then approved by votes then age, answered last; nothing else', () => {
    expect(speakerQueue(questions).map((x) => x.id)).toEqual(['hl', 'old-many', 'new-many', 'old-few', 'answered']);
  });

  it('participant popular order is the speaker queue; own hidden questions are listed apart', () => {
    const mine = [...questions, q('my-pending', { state: 'pending', author: { id: 'me', name: '' }, created_at: at(7) })];
    const view = participantView(mine, 'popular', 'me');
    expect(view.list.map((x) => x.id)).toEqual(['hl', 'old-many', 'new-many', 'old-few', 'answered']);
    expect(view.mine.map((x) => x.id)).toEqual(['my-pending']);
  });

  it('participant recent order: newest first, answered at the end', () => {
    expect(participantView(questions, 'recent', null).list.map((x) => x.id)).toEqual([
      'hl',
      'new-many',
      'old-many',
      'old-few',
      'answered',
    ]);
  });

  it('moderator buckets', () => {
    const b = moderatorBuckets(questions);
    expect(b.incoming.map((x) => x.id)).toEqual(['pending']);
    expect(b.approved.map((x) => x.id)).toEqual(['hl', 'old-many', 'new-many', 'old-few']);
    expect(b.answered.map((x) => x.id)).toEqual(['answered']);
    expect(b.archived.map((x) => x.id)).toEqual(['archived', 'rejected']);
  });

  it('ties break by id so the order is stable', () => {
    const same = [q('b'), q('a'), q('c')];
    expect(speakerQueue(same).map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });

  it('finds the highlighted question', () => {
    expect(highlighted(questions)?.id).toBe('hl');
    expect(highlighted([q('x')])).toBeNull();
  });
});
