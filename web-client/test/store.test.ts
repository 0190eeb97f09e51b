import { describe, expect, it } from 'vitest';
import { applyLocal, applyMessage, initialState, TRANSCRIPT_KEEP, type SessionState } from '../src/lib/store';
import { ev, poll, q, S, seg, sessionObj, snapshot } from './live-fixtures';

function ready(overrides = {}): SessionState {
  return applyMessage(initialState(S), snapshot(overrides));
}

describe('the session store', () => {
  it('applies a snapshot: session, questions, my votes, transcript, polls, viewers', () => {
    const state = ready({
      questions: [q('a', { votes: 2 }), { id: 'bad' }],
      my_votes: ['a'],
      transcript: [seg('t2', { start_ms: 2000 }), seg('t1', { start_ms: 1000 }), seg('p', { final: false })],
      polls: [poll('P')],
      viewers: 42,
    });
    expect(state.ready).toBe(true);
    expect(state.seq).toBe(10);
    expect(state.session?.title).toBe('Session s1');
    expect(Object.keys(state.questions)).toEqual(['a']);
    expect(state.myVotes.has('a')).toBe(true);
    expect(state.transcript.map((s) => s.id)).toEqual(['t1', 't2', 'p']);
    expect(state.polls.P?.question).toBe('Как вам?');
    expect(state.viewers).toBe(42);
  });

  it("takes the hall's stream status from the snapshot, newer than the agenda's", () => {
    expect(ready().stream).toBeNull();
    expect(applyMessage(initialState(S), snapshot({ stream: { hall: 'main', status: 'live' } })).stream).toBe('live');
  });

  it('ignores a snapshot of another session', () => {
    const state = applyMessage(initialState(S), snapshot({ session: sessionObj({ id: 'other' }) }));
    expect(state.ready).toBe(false);
  });

  it('upserts questions by id and advances seq', () => {
    let state = ready();
    state = applyMessage(state, ev(11, 'question', q('a')));
    state = applyMessage(state, ev(12, 'question', q('a', { text: 'edited', edited: true })));
    expect(state.questions.a?.text).toBe('edited');
    expect(state.seq).toBe(12);
  });

  it('skips events it already has (a resume overlap) and events of other sessions', () => {
    let state = ready();
    state = applyMessage(state, ev(11, 'question', q('a', { text: 'new' })));
    state = applyMessage(state, ev(11, 'question', q('a', { text: 'replayed' })));
    state = applyMessage(state, ev(5, 'question', q('a', { text: 'old' })));
    state = applyMessage(state, { ...ev(12, 'question', q('a', { text: 'foreign' })), session: 'other' });
    expect(state.questions.a?.text).toBe('new');
    expect(state.seq).toBe(11);
  });

  it('drops a question when a visibility stub arrives', () => {
    let state = ready({ questions: [q('a'), q('b')] });
    state = applyMessage(state, ev(11, 'question', { id: 'a', session: S, state: 'rejected' }));
    expect(Object.keys(state.questions)).toEqual(['b']);
    // a stub for a question never seen changes nothing but seq
    state = applyMessage(state, ev(12, 'question', { id: 'zzz', session: S, state: 'archived' }));
    expect(Object.keys(state.questions)).toEqual(['b']);
    expect(state.seq).toBe(12);
  });

  it('moves the own vote with a merged question to the one it went into, as the server did', () => {
    let state = applyMessage(initialState(S), snapshot({ questions: [q('a'), q('b')], my_votes: ['a'] }));
    state = applyMessage(state, ev(11, 'question', { id: 'a', session: S, state: 'merged', merged_into: 'b' }));
    expect(state.questions.a).toBeUndefined();
    expect([...state.myVotes]).toEqual(['b']);
    // The author sees the whole merged question; a voter who had not voted keeps what they had.
    state = applyMessage(state, ev(12, 'question', { ...q('c', { author: { id: 'me', name: 'Я' } }), state: 'merged', merged_into: 'b' }));
    expect(state.questions.c?.merged_into).toBe('b');
    expect([...state.myVotes]).toEqual(['b']);
  });

  it('keeps one highlighted question', () => {
    let state = ready({ questions: [q('a', { highlighted: true }), q('b')] });
    state = applyMessage(state, ev(11, 'question', q('b', { highlighted: true })));
    expect(state.questions.a?.highlighted).toBe(false);
    expect(state.questions.b?.highlighted).toBe(true);
  });

  it('sets vote totals and ignores unknown questions', () => {
    let state = ready({ questions: [q('a'), q('b', { votes: 1 })] });
    state = applyMessage(state, ev(11, 'votes', { counts: { a: 5, b: 1, ghost: 9 } }));
    expect(state.questions.a?.votes).toBe(5);
    expect(state.questions.b?.votes).toBe(1);
    expect(state.questions.ghost).toBeUndefined();
  });

  it('unpacks batches in order', () => {
    const state = applyMessage(ready(), {
      type: 'batch',
      items: [
        ev(11, 'question', q('a')),
        ev(12, 'votes', { counts: { a: 3 } }),
        { type: 'batch', items: [ev(13, 'question', q('a', { state: 'answered', votes: 3 }))] },
      ],
    });
    expect(state.questions.a).toMatchObject({ state: 'answered', votes: 3 });
    expect(state.seq).toBe(13);
  });

  it('grows a partial transcript line in place and orders it after the finals once final', () => {
    let state = ready({ transcript: [seg('t1', { start_ms: 1000 })] });
    state = applyMessage(state, ev(11, 'transcript', seg('t2', { final: false, text: 'Добр', start_ms: 3000 })));
    state = applyMessage(state, ev(12, 'transcript', seg('t2', { final: false, text: 'Добрый де', start_ms: 3000 })));
    expect(state.transcript.map((s) => [s.id, s.text, s.final])).toEqual([
      ['t1', 'line t1', true],
      ['t2', 'Добрый де', false],
    ]);
    state = applyMessage(state, ev(13, 'transcript', seg('t2', { text: 'Добрый день.', start_ms: 3000 })));
    expect(state.transcript.map((s) => [s.id, s.final])).toEqual([
      ['t1', true],
      ['t2', true],
    ]);
  });

  it('keeps a bounded transcript', () => {
    let state = ready();
    for (let i = 0; i < TRANSCRIPT_KEEP + 20; i++) {
      state = applyMessage(state, ev(11 + i, 'transcript', seg(`t${i}`, { start_ms: i })));
    }
    expect(state.transcript).toHaveLength(TRANSCRIPT_KEEP);
    expect(state.transcript[0]?.id).toBe('t20');
  });

  it('applies polls, reactions, session, stream and viewers', () => {
    let state = ready();
    state = applyMessage(state, ev(11, 'poll', poll('P', { state: 'closed', voters: 2 })));
    state = applyMessage(state, ev(12, 'reactions', { counts: { applause: 7 }, window_ms: 500 }));
    state = applyMessage(state, ev(13, 'session', sessionObj({ qa_open: false, moderation: 'post' })));
    state = applyMessage(state, ev(14, 'stream', { hall: 'main', status: 'slate' }));
    state = applyMessage(state, ev(15, 'stream', { hall: 'other', status: 'offline' }));
    state = applyMessage(state, ev(16, 'viewers', { count: 120 }));
    state = applyMessage(state, ev(17, 'brand-new-kind', { x: 1 }));
    expect(state.polls.P).toMatchObject({ state: 'closed', voters: 2 });
    expect(state.reactions).toEqual({ counts: { applause: 7 }, window_ms: 500 });
    expect(state.reactionsTick).toBe(1);
    expect(state.session).toMatchObject({ qa_open: false, moderation: 'post' });
    expect(state.stream).toBe('slate');
    expect(state.viewers).toBe(120);
    expect(state.seq).toBe(17);
  });

  it('a snapshot after events replaces everything (resume too old to replay)', () => {
    let state = ready({ questions: [q('a')], my_votes: ['a'] });
    state = applyMessage(state, ev(11, 'question', q('b')));
    state = applyMessage(state, snapshot({ seq: 30, questions: [q('c')], my_votes: [] }));
    expect(Object.keys(state.questions)).toEqual(['c']);
    expect(state.myVotes.size).toBe(0);
    expect(state.seq).toBe(30);
  });

  it('resuming with since converges to the state a fresh snapshot gives', () => {
    const events = [
      ev(11, 'question', q('a', { state: 'pending' })),
      ev(12, 'question', q('a', { state: 'approved' })),
      ev(13, 'question', q('b')),
      ev(14, 'votes', { counts: { a: 2, b: 1 } }),
      ev(15, 'question', q('b', { highlighted: true, votes: 1 })),
      ev(16, 'question', { id: 'a', session: S, state: 'rejected' }),
    ];
    // One client saw 11–13, dropped, and resumed: the server replays 14–16
    // (and, harmlessly, 13 again).
    let resumed = ready();
    for (const e of events.slice(0, 3)) resumed = applyMessage(resumed, e);
    resumed = applyMessage(resumed, { type: 'batch', items: events.slice(2) });
    const fresh = ready({ seq: 16, questions: [q('b', { highlighted: true, votes: 1 })] });
    expect(resumed.questions).toEqual(fresh.questions);
    expect(resumed.seq).toBe(fresh.seq);
  });

  it('applies changes that are not stored, which carry the latest stored seq', () => {
    let state = ready({ seq: 10 });
    state = applyMessage(state, ev(10, 'viewers', { count: 7 }));
    state = applyMessage(state, ev(10, 'transcript', seg('p', { final: false, text: 'Добр' })));
    state = applyMessage(state, ev(10, 'transcript', seg('p', { final: false, text: 'Добрый' })));
    state = applyMessage(state, ev(10, 'reactions', { counts: { heart: 2 }, window_ms: 500 }));
    expect(state.viewers).toBe(7);
    expect(state.transcript.map((x) => x.text)).toEqual(['Добрый']);
    expect(state.reactions?.counts.heart).toBe(2);
    expect(state.seq).toBe(10);
    // the final line is a stored change with its own seq
    state = applyMessage(state, ev(11, 'transcript', seg('p', { text: 'Добрый день.' })));
    expect(state.transcript.map((x) => [x.text, x.final])).toEqual([['Добрый день.', true]]);
    expect(state.seq).toBe(11);
    // a stored kind with an old seq is still a replay overlap
    state = applyMessage(state, ev(11, 'transcript', seg('p', { text: 'replayed' })));
    expect(state.transcript[0]?.text).toBe('Добрый день.');
  });

  it('keeps the own poll answers from the snapshot and from own votes', () => {
    let state = ready({ my_ballots: { P: [1] } });
    expect(state.myBallots).toEqual({ P: [1] });
    state = applyLocal(state, { type: 'local/ballot', poll: 'Q', choices: [0, 2] });
    expect(state.myBallots).toEqual({ P: [1], Q: [0, 2] });
  });

  it('records own votes and acknowledged totals', () => {
    let state = ready({ questions: [q('a', { votes: 1 })] });
    state = applyLocal(state, { type: 'local/vote', question: 'a', on: true, votes: 2 });
    expect(state.myVotes.has('a')).toBe(true);
    expect(state.questions.a?.votes).toBe(2);
    state = applyLocal(state, { type: 'local/vote', question: 'a', on: false });
    expect(state.myVotes.has('a')).toBe(false);
    expect(state.questions.a?.votes).toBe(2);
  });

  it('shows an own question at once but lets the server version win', () => {
    let state = ready();
    state = applyLocal(state, { type: 'local/question', question: q('mine', { state: 'pending' }) });
    expect(state.questions.mine?.state).toBe('pending');
    state = applyMessage(state, ev(11, 'question', q('mine', { state: 'approved' })));
    state = applyLocal(state, { type: 'local/question', question: q('mine', { state: 'pending' }) });
    expect(state.questions.mine?.state).toBe('approved');
  });
});
