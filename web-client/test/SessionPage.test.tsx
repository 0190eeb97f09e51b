import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ParticipantApp } from '../src/participant/ParticipantApp';
import { keepSession } from '../src/lib/offline';
import { applyMessage, initialState } from '../src/lib/store';
import { demoEvent } from './fixtures';
import { ev, FakeSocket, q, seg, sessionObj, snapshot } from './live-fixtures';

// The video needs Media Source Extensions, which happy-dom lacks: a player that offers the demo hall's ladder
// (360p, 240p and the sound alone) and records what the page asks of it.
const players = vi.hoisted(() => ({ qualities: [] as unknown[], started: [] as unknown[] }));
vi.mock('../src/lib/player', () => ({
  attachStream: async (_video: HTMLVideoElement, _url: string, options?: { quality?: unknown; onView?: (v: unknown) => void }) => {
    players.started.push(options?.quality);
    options?.onView?.({
      renditions: [
        { height: 360, width: 640, bandwidth: 700_000 },
        { height: 240, width: 426, bandwidth: 300_000 },
      ],
      audioOnly: true,
      playing: 240,
    });
    return {
      kind: 'none',
      wallClock: () => null,
      setQuality: (q: unknown) => players.qualities.push(q),
      setSaveData: () => undefined,
      destroy: () => undefined,
    };
  },
}));

const XSS = '<img src=x onerror=alert(1)>';

/** An open formal poll as the server sends it to a participant while the results are hidden. */
const FORMAL_POLL = {
  id: 'F',
  session: 's1',
  question: 'Принять резолюцию?',
  options: [
    { text: 'За', votes: null },
    { text: 'Против', votes: null },
  ],
  multi: false,
  state: 'open',
  voters: 0,
  results_visible: false,
  formal: true,
};

async function openSession() {
  render(<ParticipantApp loadEvent={async () => demoEvent()} timeZone="Europe/Moscow" />);
  await screen.findByRole('heading', { level: 1, name: 'Сила в людях' });
  // Effects run after paint: wait for the page to open its socket.
  const socket = await waitFor(() => FakeSocket.latest());
  await act(() => {
    socket.open();
    socket.welcome('participant', 'me');
  });
  return socket;
}

/** Runs what the server does, then lets the store's queued notification render. */
async function server(fn: () => void) {
  await act(async () => {
    fn();
    await Promise.resolve();
  });
}

const serve = (socket: FakeSocket, message: unknown) => server(() => socket.receive(message));

describe('the participant session view', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    // happy-dom's IntersectionObserver never reports; without one the page counts the picture as in view.
    vi.stubGlobal('IntersectionObserver', undefined);
    localStorage.clear();
    localStorage.setItem('veche.participant', JSON.stringify({ token: 'tok', participant: { id: 'me', name: 'Анна' } }));
    history.replaceState(null, '', '/?session=s1');
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    history.replaceState(null, '', '/');
  });

  it('says hello with the kept token and subscribes to the session', async () => {
    const socket = await openSession();
    expect(socket.sent.slice(0, 2)).toEqual([
      { type: 'hello', token: 'tok' },
      { type: 'subscribe', session: 's1' },
    ]);
    expect(screen.getByText('Вы участвуете как Анна')).toBeTruthy();
  });

  it('renders user text as text, never as HTML', async () => {
    const socket = await openSession();
    await serve(socket, snapshot({ session: sessionObj(), questions: [q('x', { text: XSS, author: { id: 'o', name: '<b>Имя</b>' } })] }));
    expect(screen.getByText(XSS)).toBeTruthy();
    expect(screen.getByText('<b>Имя</b>')).toBeTruthy();
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect(document.querySelector('.question b')).toBeNull();
  });

  it('votes, shows the own vote, and takes it back', async () => {
    const socket = await openSession();
    await serve(socket, snapshot({ questions: [q('a', { votes: 2 })], my_votes: [] }));
    const button = screen.getByRole('button', { name: 'Поддержать вопрос (сейчас 2)' });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(button);
    const sent = socket.sentOfType('vote')[0]!;
    expect(sent).toMatchObject({ question: 'a', on: true });
    await serve(socket, { type: 'ack', rid: sent.rid, votes: 3 });
    const pressed = await screen.findByRole('button', { name: 'Отозвать голос (сейчас 3)' });
    expect(pressed.getAttribute('aria-pressed')).toBe('true');
  });

  it('asks with a code-point counter; the own question waits for moderation', async () => {
    const socket = await openSession();
    await serve(socket, snapshot({ session: sessionObj({ moderation: 'pre' }) }));
    const box = screen.getByLabelText('Ваш вопрос');
    fireEvent.input(box, { target: { value: '  Где 👍?  ' } });
    expect(screen.getByText('6 из 500 символов')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Отправить' }));
    const ask = socket.sentOfType('ask')[0]!;
    expect(ask).toMatchObject({ session: 's1', text: 'Где 👍?', anonymous: false });
    await serve(socket, { type: 'ack', rid: ask.rid, id: 'new' });
    await screen.findByText('Вопрос отправлен и ждёт модерации.');
    const mine = screen.getByText('Ваши вопросы').closest('.questions__mine') as HTMLElement;
    expect(within(mine).getByText('Где 👍?')).toBeTruthy();
    expect(within(mine).getByText('Ждёт модерации')).toBeTruthy();
  });

  it('shows similar questions while typing, once the typing pauses, and votes for one from there', async () => {
    const socket = await openSession();
    await serve(socket, snapshot({ questions: [q('g', { text: 'Как получить грант на благоустройство?', votes: 4 })] }));
    const box = screen.getByLabelText('Ваш вопрос');
    fireEvent.input(box, { target: { value: 'гран' } }); // too short to look up
    for (const value of ['гранты на', 'гранты на благо', 'гранты на благоустройство']) fireEvent.input(box, { target: { value } });
    expect(socket.sentOfType('similar')).toEqual([]); // not per keystroke
    const asked = await waitFor(() => {
      const sent = socket.sentOfType('similar');
      expect(sent).toHaveLength(1);
      return sent[0]!;
    });
    expect(asked).toMatchObject({ session: 's1', text: 'гранты на благоустройство' });
    await serve(socket, {
      type: 'ack',
      rid: asked.rid,
      questions: [
        { id: 'g', text: 'Как получить грант на благоустройство?', votes: 4, score: 0.71 },
        { id: 'mine', text: 'Мой вопрос на модерации', votes: 0, score: 0.5 },
      ],
    });
    const hint = await screen.findByText('Похожий вопрос уже задан — поддержите его');
    const hints = hint.closest('.similar') as HTMLElement;
    expect(within(hints).getByText('Как получить грант на благоустройство?')).toBeTruthy();
    fireEvent.click(within(hints).getByRole('button', { name: 'Поддержать вопрос (сейчас 4)' }));
    expect(socket.sentOfType('vote')[0]).toMatchObject({ question: 'g', on: true });
    await serve(socket, { type: 'ack', rid: socket.sentOfType('vote')[0]!.rid, votes: 5 });
    expect(await within(hints).findByRole('button', { name: 'Отозвать голос (сейчас 5)' })).toBeTruthy();

    // Cleared with the text; nothing more is asked.
    fireEvent.input(box, { target: { value: '' } });
    await waitFor(() => expect(screen.queryByText('Похожий вопрос уже задан — поддержите его')).toBeNull());
    expect(socket.sentOfType('similar')).toHaveLength(1);
  });

  it('shows a written answer under a question, and tells the author where a merged question went', async () => {
    const socket = await openSession();
    await serve(
      socket,
      snapshot({
        questions: [
          q('g', { text: 'Как получить грант?', merged: ['m'], reply: { text: 'С 1 марта, на портале.', by: 'Наталья', at_ms: 1 } }),
          q('m', { text: 'Гранты — как подать?', author: { id: 'me', name: 'Анна' }, state: 'merged', merged_into: 'g' }),
        ],
      }),
    );
    expect(screen.getByText('С 1 марта, на портале.')).toBeTruthy();
    expect(screen.getByText('Ответ · Наталья')).toBeTruthy();
    expect(screen.getByText('+1 похожий')).toBeTruthy();
    const mine = screen.getByText('Ваши вопросы').closest('.questions__mine') as HTMLElement;
    expect(within(mine).getByText('Объединён')).toBeTruthy();
    expect(within(mine).getByText('Ваш вопрос объединён с вопросом «Как получить грант?»')).toBeTruthy();
  });

  it('refuses a question over the limit before sending it', async () => {
    const socket = await openSession();
    await serve(socket, snapshot());
    fireEvent.input(screen.getByLabelText('Ваш вопрос'), { target: { value: 'ы'.repeat(503) } });
    expect(screen.getByText('Слишком длинно: уберите 3 символа.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Отправить' }));
    expect(socket.sentOfType('ask')).toEqual([]);
  });

  it('says when questions are closed', async () => {
    const socket = await openSession();
    await serve(socket, snapshot({ session: sessionObj({ qa_open: false }) }));
    expect(screen.getByText('Приём вопросов закрыт.')).toBeTruthy();
    expect(screen.queryByLabelText('Ваш вопрос')).toBeNull();
  });

  it('shows the growing transcript line without making every line a live region', async () => {
    const socket = await openSession();
    await serve(socket, snapshot({ transcript: [seg('t1', { text: 'Первая строка.' })] }));
    await serve(socket, ev(11, 'transcript', seg('t2', { final: false, text: 'Вторая стр', start_ms: 5000 })));
    const partial = screen.getByText('Вторая стр');
    expect(partial.classList.contains('transcript__line--partial')).toBe(true);
    expect(partial.closest('[aria-live]')).toBeNull();
    expect(screen.getByText('Первая строка.').closest('[aria-live]')).toBeNull();
    expect(document.querySelector('.transcript [role="status"][aria-live="polite"]')).not.toBeNull();
  });

  it('answers an open poll and shows results once closed', async () => {
    const socket = await openSession();
    const poll = {
      id: 'P',
      session: 's1',
      question: 'Откуда вы?',
      // As the server sends it to a participant while the results are hidden.
      options: [
        { text: 'Город', votes: null },
        { text: 'Село', votes: null },
      ],
      multi: false,
      state: 'open',
      voters: 0,
      results_visible: false,
    };
    await serve(socket, snapshot({ polls: [poll] }));
    fireEvent.click(screen.getByLabelText('Село'));
    fireEvent.click(screen.getByRole('button', { name: 'Ответить' }));
    const vote = socket.sentOfType('poll_vote')[0]!;
    expect(vote).toMatchObject({ poll: 'P', choices: [1] });
    await serve(socket, { type: 'ack', rid: vote.rid });
    await screen.findByText(/Ваш ответ учтён/);
    expect(screen.getByText('Результаты покажем после завершения опроса.')).toBeTruthy();
    await serve(
      socket,
      ev(11, 'poll', { ...poll, state: 'closed', voters: 4, results_visible: true, options: [{ text: 'Город', votes: 1 }, { text: 'Село', votes: 3 }] }),
    );
    expect(screen.getByText('75% (3)')).toBeTruthy();
    expect(screen.getByText('4 участника ответили')).toBeTruthy();
  });

  it('marks a formal poll and tells a self-declared participant why they cannot vote in it', async () => {
    const socket = await openSession();
    await serve(socket, snapshot({ polls: [FORMAL_POLL] }));
    const card = document.querySelector<HTMLElement>('[data-poll-id="F"]')!;
    expect(within(card).getByText('Официальное голосование')).toBeTruthy();
    expect(within(card).getByRole('note').textContent).toMatch(/только подтверждённые делегаты/);
    expect(within(card).queryByRole('button')).toBeNull();
    expect(within(card).queryByLabelText('За')).toBeNull();
  });

  it('lets a verified delegate cast a formal ballot once, then shows it as final', async () => {
    localStorage.setItem('veche.participant', JSON.stringify({ token: 'tok', participant: { id: 'me', name: 'Анна', verified: true } }));
    const socket = await openSession();
    await serve(socket, snapshot({ polls: [FORMAL_POLL] }));
    expect(screen.getByText(/изменить голос нельзя/)).toBeTruthy();
    fireEvent.click(screen.getByLabelText('За'));
    fireEvent.click(screen.getByRole('button', { name: 'Ответить' }));
    const vote = socket.sentOfType('poll_vote')[0]!;
    expect(vote).toMatchObject({ poll: 'F', choices: [0] });
    await serve(socket, { type: 'ack', rid: vote.rid });
    await screen.findByText('Ваш голос учтён. Изменить его нельзя.');
    const card = document.querySelector<HTMLElement>('[data-poll-id="F"]')!;
    expect(within(card).queryByRole('button')).toBeNull();
    expect(within(card).getByLabelText<HTMLInputElement>('За').disabled).toBe(true);
    expect(within(card).getByLabelText<HTMLInputElement>('За').checked).toBe(true);
  });

  it('sends reactions and shows the running counts', async () => {
    const socket = await openSession();
    await serve(socket, snapshot());
    fireEvent.click(screen.getByRole('button', { name: 'Аплодисменты' }));
    expect(socket.sentOfType('react')).toEqual([{ type: 'react', session: 's1', kind: 'applause' }]);
    await serve(socket, ev(11, 'reactions', { counts: { applause: 12 }, window_ms: 500 }));
    expect(screen.getByRole('button', { name: 'Аплодисменты: 12' })).toBeTruthy();
  });

  it('shows the offline banner and reconnects with since', async () => {
    // Faked once the page is open: waitFor polls with setTimeout, and the reconnect delay is what is faked.
    const socket = await openSession();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await serve(socket, snapshot({ seq: 10 }));
      await serve(socket, ev(12, 'question', q('a')));
      await server(() => socket.drop(1006));
      expect(screen.getByText('Нет связи с сервером. Переподключаемся…')).toBeTruthy();
      await server(() => vi.advanceTimersByTime(30_000));
      const again = FakeSocket.latest();
      expect(again).not.toBe(socket);
      await server(() => {
        again.open();
        again.welcome('participant', 'me');
      });
      expect(again.sentOfType('subscribe')).toEqual([{ type: 'subscribe', session: 's1', since: 12 }]);
      await waitFor(() => expect(screen.queryByText('Нет связи с сервером. Переподключаемся…')).toBeNull());
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the stream state: live, then slate, then offline', async () => {
    const socket = await openSession();
    await serve(socket, snapshot());
    const status = () => document.querySelector('.video__status')?.textContent;
    expect(status()).toBe('В эфире');
    await serve(socket, ev(10, 'stream', { hall: 'main', status: 'slate' }));
    expect(status()).toBe('Перерыв в трансляции');
    expect(screen.getByText('Трансляция скоро продолжится.')).toBeTruthy();
    await serve(socket, ev(10, 'stream', { hall: 'main', status: 'offline' }));
    expect(status()).toBe('Нет трансляции');
    expect(screen.getByText('Трансляция из этого зала сейчас не идёт.')).toBeTruthy();
  });

  it('shows captions over the video when switched on', async () => {
    const socket = await openSession();
    await serve(socket, snapshot({ transcript: [seg('t1', { text: 'Строка.' }), seg('p', { final: false, text: 'Идёт набор' })] }));
    expect(document.querySelector('.video__captions')).toBeNull();
    const toggle = screen.getByRole('button', { name: 'Субтитры' });
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(document.querySelector('.video__captions')?.textContent).toBe('Идёт набор');
  });

  it('offers the quality menu, plays the sound alone with the captions on, and remembers the choice', async () => {
    players.qualities = [];
    players.started = [];
    const socket = await openSession();
    await serve(socket, snapshot({ transcript: [seg('p', { final: false, text: 'Идёт набор' })] }));
    const menu = (await screen.findByLabelText('Качество')) as HTMLSelectElement;
    expect([...menu.options].map((o) => o.textContent)).toEqual(['Авто (240p)', '360p', '240p', 'Только звук']);
    expect(menu.value).toBe('auto');
    expect(players.started).toEqual(['auto']);

    fireEvent.click(screen.getByRole('button', { name: 'Субтитры' }));
    fireEvent.change(menu, { target: { value: 'audio' } });
    expect(players.qualities).toEqual(['audio']);
    expect(screen.getByText('Только звук: видео не загружается')).toBeTruthy();
    expect(document.querySelector('.video__captions')?.textContent).toBe('Идёт набор');
    expect(localStorage.getItem('veche.video-quality')).toBe('audio');

    fireEvent.change(menu, { target: { value: '360' } });
    expect(players.qualities).toEqual(['audio', 360]);
    expect(screen.queryByText('Только звук: видео не загружается')).toBeNull();

    // The next visit starts with the choice (once its own socket has the snapshot).
    cleanup();
    FakeSocket.all = [];
    await serve(await openSession(), snapshot());
    await waitFor(() => expect(players.started).toEqual(['auto', 360]));
    expect(((await screen.findByLabelText('Качество')) as HTMLSelectElement).value).toBe('360');
  });

  it('asks to join again when the server refuses the token (4401)', async () => {
    const socket = await openSession();
    await server(() => socket.drop(4401));
    await screen.findByText('Срок входа истёк. Присоединитесь снова.');
    expect(localStorage.getItem('veche.participant')).toBeNull();
  });

  it('shows what it kept at once after a reload, and resumes from there with since', async () => {
    const kept = applyMessage(initialState('s1'), snapshot({ seq: 30, questions: [q('k', { text: 'Вопрос, известный до обрыва' })] }));
    keepSession(kept, 'me', localStorage, Date.UTC(2026, 0, 15, 7, 42));
    render(<ParticipantApp loadEvent={async () => demoEvent()} timeZone="Europe/Moscow" />);
    expect(await screen.findByText('Вопрос, известный до обрыва')).toBeTruthy();
    const socket = await waitFor(() => FakeSocket.latest());
    await server(() => socket.drop(1006));
    const banner = await screen.findByText(/Нет связи с сервером/);
    expect(banner.closest('[role="status"]')!.textContent).toContain('Показано то, что было известно в 10:42.');
    const again = await waitFor(() => {
      const latest = FakeSocket.latest();
      if (latest === socket) throw new Error('not reconnected yet');
      return latest;
    }, { timeout: 3_000 });
    await server(() => {
      again.open();
      again.welcome('participant', 'me');
    });
    expect(again.sentOfType('subscribe')).toEqual([{ type: 'subscribe', session: 's1', since: 30 }]);
    await serve(again, ev(31, 'question', q('n', { text: 'Новый вопрос' })));
    expect(screen.getByText('Новый вопрос')).toBeTruthy();
    expect(screen.queryByText(/Нет связи с сервером/)).toBeNull();
    // Live since: a later drop shows the session as it was then, not as it was kept.
    await server(() => again.drop(1006));
    const later = await screen.findByText(/Нет связи с сервером/);
    expect(later.closest('[role="status"]')!.textContent).not.toContain('Показано');
  });
});
