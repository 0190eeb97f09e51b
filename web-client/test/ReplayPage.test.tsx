import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ForumEvent } from '../src/api/types';
import type { AttachOptions } from '../src/lib/player';
import { ParticipantApp } from '../src/participant/ParticipantApp';
import { demoEvent } from './fixtures';
import { FakeSocket, poll, q, RECORDING, S, seg, sessionObj, snapshot, T0 } from './live-fixtures';


const item = (seq: number, at: number, kind: string, data: object) => ({ seq, at_ms: T0 + at, kind, data });
const TIMELINE = {
  session: S,
  from_ms: T0,
  to_ms: T0 + 18_000,
  items: [
    item(1, 1_000, 'question', q('a', { text: 'Как удержать молодёжь?' })),
    item(2, 1_500, 'question', q('b', { text: 'Что с дорогами?' })),
    item(3, 3_000, 'votes', { counts: { b: 2 } }),
    item(4, 3_500, 'question', q('a', { text: 'Как удержать молодёжь?', highlighted: true })),
    item(5, 3_800, 'transcript', seg('t1', { text: 'Добрый день, коллеги.', start_ms: T0 + 2_500, end_ms: T0 + 3_500 })),
    item(6, 15_000, 'poll', poll('P', { question: 'Откуда вы?', state: 'open' })),
    item(7, 16_000, 'votes', { counts: { a: 4, b: 3 } }),
    item(8, 18_000, 'session', sessionObj({ state: 'ended' })),
  ],
};

// hls.js needs Media Source Extensions, which happy-dom lacks: a player that announces the recording's segments.
const players = vi.hoisted(() => ({ urls: [] as string[], options: [] as unknown[] }));
vi.mock('../src/lib/player', () => ({
  attachStream: async (_video: HTMLVideoElement, url: string, options: AttachOptions) => {
    players.urls.push(url);
    players.options.push(options);
    queueMicrotask(() => options.replay?.onPieces(RECORDING));
    return { kind: 'hls.js', wallClock: () => null, setQuality: () => undefined, setSaveData: () => undefined, destroy: () => undefined };
  },
}));

let timelineAnswer: () => Response;
const fetches: string[] = [];

function eventWith(state: string): ForumEvent {
  const event = demoEvent();
  return { ...event, sessions: event.sessions.map((s) => (s.id === S ? { ...s, state } : s)) };
}

async function openReplay(state = 'ended') {
  render(<ParticipantApp loadEvent={async () => eventWith(state)} timeZone="UTC" locale="ru-RU" />);
  await screen.findByRole('heading', { level: 1, name: 'Сила в людях' });
}

/** The ended session's replay with its timeline and the recording's segments (the break shows on the scrubber). */
async function openLoadedReplay() {
  await openReplay();
  await waitFor(() => expect(document.querySelector('.replay-bar__gap')).not.toBeNull());
}

const video = () => document.querySelector('video.video__media') as HTMLVideoElement;
const playhead = () => Number(document.querySelector('.replay')?.getAttribute('data-playhead-ms'));
const shownQuestions = () =>
  [...document.querySelectorAll('.questions li.question')].map((li) => [
    li.getAttribute('data-question-id'),
    li.querySelector('.vote__count')?.textContent,
    li.classList.contains('question--stage'),
  ]);

/** The replay's video is ready and shows its picture at `seconds`. */
async function playAt(seconds: number) {
  await act(async () => {
    Object.defineProperty(video(), 'readyState', { value: 4, configurable: true });
    video().currentTime = seconds;
    video().dispatchEvent(new Event('timeupdate'));
    await Promise.resolve();
  });
}

describe('the replay of a session', () => {
  beforeEach(() => {
    players.urls = [];
    players.options = [];
    fetches.length = 0;
    FakeSocket.all = [];
    timelineAnswer = () => new Response(JSON.stringify(TIMELINE), { status: 200 });
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.stubGlobal('IntersectionObserver', undefined);
    vi.stubGlobal('fetch', async (url: string) => {
      fetches.push(url);
      return url === `/api/v1/sessions/${S}/timeline.json` ? timelineAnswer() : new Response('', { status: 404 });
    });
    localStorage.clear();
    history.replaceState(null, '', `/?session=${S}`);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    history.replaceState(null, '', '/');
  });

  it('opens an ended session on its recording, with nothing to ask, vote or react', async () => {
    await openLoadedReplay();
    expect(screen.getByRole('slider', { name: 'Момент записи' })).toBeTruthy();
    await waitFor(() => expect(players.urls).toEqual([`/vod/${S}/master.m3u8`]));
    expect((players.options[0] as AttachOptions).replay?.fallback).toBe(`/vod/${S}/index.m3u8`);
    expect(document.querySelector('.video__status')?.textContent).toContain('Запись');
    // the server's captions on the replay's clock, as a track of the video
    expect(document.querySelector('video track[kind="captions"]')?.getAttribute('src')).toBe(`/api/v1/sessions/${S}/transcript.vtt?clock=program`);
    // Before the first question: the session is over, nobody is invited to ask.
    expect(screen.getByText('К этому моменту вопросов ещё не было.')).toBeTruthy();
    expect(screen.queryByText('Вопросов пока нет. Задайте первый!')).toBeNull();
    await playAt(6.5);
    expect(shownQuestions().length).toBe(2);
    expect(screen.queryByLabelText('Ваш вопрос')).toBeNull();
    expect(screen.queryByRole('button', { name: /Поддержать вопрос/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Аплодисменты' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Присоединиться' })).toBeNull();
    expect(screen.getByText('4 голоса')).toBeTruthy();
  });

  it('shows the questions and votes of the moment on screen, forward and backward', async () => {
    await openLoadedReplay();
    await playAt(0.5);
    expect(playhead()).toBe(T0 + 500);
    expect(shownQuestions()).toEqual([]);
    await playAt(3.2);
    expect(shownQuestions()).toEqual([
      ['b', '2', false],
      ['a', '0', false],
    ]);
    await playAt(3.6);
    expect(shownQuestions()).toEqual([
      ['a', '0', true],
      ['b', '2', false],
    ]);
    // past the break: 4.5 s into the video is 14.5 s on the hall's clock
    await playAt(4.5);
    expect(playhead()).toBe(T0 + 14_500);
    expect(screen.getByText('Перерыв в трансляции 07:00:04–07:00:14, записи нет', { selector: '.video__note' })).toBeTruthy();
    await playAt(6.5);
    expect(shownQuestions()).toEqual([
      ['a', '4', true],
      ['b', '3', false],
    ]);
    expect(document.querySelector('article.poll[data-state="open"]')).not.toBeNull();
    await playAt(1.2);
    expect(shownQuestions()).toEqual([['a', '0', false]]);
    expect(document.querySelector('article.poll')).toBeNull();
  });

  it('marks the highlight, the poll and the break; choosing a moment moves the video there', async () => {
    await openLoadedReplay();
    await playAt(0);
    const list = document.querySelector('.replay-bar__list') as HTMLElement;
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      '07:00:03 Вопрос на сцене: Как удержать молодёжь?',
      'Перерыв в трансляции 07:00:04–07:00:14, записи нет',
      '07:00:15 Опрос: Откуда вы?',
    ]);
    expect(document.querySelectorAll('.replay-bar__mark')).toHaveLength(2);
    expect(document.querySelectorAll('.replay-bar__gap')).toHaveLength(1);
    await act(() => {
      fireEvent.click(within(list).getByRole('button', { name: /Опрос: Откуда вы\?/ }));
    });
    expect(video().currentTime).toBe(5);
    expect(playhead()).toBe(T0 + 15_000);
    expect(document.querySelector('article.poll[data-state="open"]')).not.toBeNull();
    await act(() => {
      fireEvent.click(document.querySelector('.replay-bar__mark--highlight')!);
    });
    expect(video().currentTime).toBe(3.5);
  });

  it('plays the recording from a transcript line, and captions the line being heard', async () => {
    await openLoadedReplay();
    await playAt(6);
    const line = await screen.findByRole('button', { name: /Добрый день, коллеги\./ });
    expect(line.textContent).toContain('07:00:02');
    await act(() => {
      fireEvent.click(line);
    });
    expect(video().currentTime).toBe(2.5);
    expect(line.closest('li')?.getAttribute('aria-current')).toBe('true');
    await playAt(1);
    expect(screen.queryByRole('button', { name: /Добрый день/ })).toBeNull();
  });

  it('moves with the scrubber: a moment in the break lands where the recording resumes', async () => {
    await openLoadedReplay();
    const slider = screen.getByRole('slider', { name: 'Момент записи' }) as HTMLInputElement;
    await playAt(0);
    expect(slider.getAttribute('aria-valuetext')).toBe('0:00 из 0:18, в зале 07:00:00');
    await act(() => {
      slider.value = '8000';
      fireEvent.input(slider);
      fireEvent.change(slider);
    });
    expect(video().currentTime).toBe(4);
    expect(playhead()).toBe(T0 + 14_000);
  });

  it('seeks before the video starts (data saver): the page shows that moment and the video goes there once it loads', async () => {
    localStorage.setItem('veche.data-saver', 'on');
    await openReplay();
    const slider = (await screen.findByRole('slider', { name: 'Момент записи' })) as HTMLInputElement;
    expect(players.urls).toEqual([]);
    await act(() => {
      slider.value = '16500';
      fireEvent.input(slider);
      fireEvent.change(slider);
    });
    expect(shownQuestions()).toEqual([
      ['a', '4', true],
      ['b', '3', false],
    ]);
    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Смотреть' }));
    });
    await waitFor(() => expect(players.urls.length).toBe(1));
    await act(async () => {
      Object.defineProperty(video(), 'readyState', { value: 1, configurable: true });
      video().dispatchEvent(new Event('loadedmetadata'));
      await Promise.resolve();
    });
    expect(video().currentTime).toBe(6.5);
  });

  it('offers the replay of a running session from its start, and back to live', async () => {
    localStorage.setItem('veche.participant', JSON.stringify({ token: 'tok', participant: { id: 'me', name: 'Анна' } }));
    timelineAnswer = () => new Response(JSON.stringify({ ...TIMELINE, to_ms: null }), { status: 200 });
    await openReplay('live');
    const socket = await waitFor(() => FakeSocket.latest());
    await act(async () => {
      socket.open();
      socket.welcome('participant', 'me');
      socket.receive(snapshot({ questions: [q('z', { text: 'Живой вопрос' })] }));
      await Promise.resolve();
    });
    await screen.findByText('Живой вопрос');
    expect(players.urls).toEqual(['/hls/main/master.m3u8']);
    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Смотреть с начала' }));
    });
    await screen.findByRole('slider', { name: 'Момент записи' });
    await waitFor(() => expect(players.urls.at(-1)).toBe(`/vod/${S}/master.m3u8`));
    await screen.findByText('Главные моменты');
    expect(screen.queryByText('Живой вопрос')).toBeNull();
    // while it runs, its captions are the timeline's lines (a track would hold those of the moment it loaded)
    expect(document.querySelector('video track')).toBeNull();
    // the session still runs: asking goes on
    expect(screen.getByLabelText('Ваш вопрос')).toBeTruthy();
    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Вернуться в эфир' }));
    });
    await screen.findByText('Живой вопрос');
    await waitFor(() => expect(players.urls.at(-1)).toBe('/hls/main/master.m3u8'));
    expect(document.activeElement?.tagName).toBe('H1');
  });

  it("fetches a running session's timeline again only once the replay passes what it holds", async () => {
    const running = { ...TIMELINE, to_ms: null };
    timelineAnswer = () => new Response(JSON.stringify({ ...running, items: running.items.slice(0, 5) }), { status: 200 });
    await openReplay('live');
    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Смотреть с начала' }));
    });
    await waitFor(() => expect(document.querySelector('.replay-bar__gap')).not.toBeNull());
    const timelines = () => fetches.filter((f) => f.endsWith('/timeline.json')).length;
    expect(timelines()).toBe(1);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await playAt(3);
      await act(() => {
        vi.advanceTimersByTime(30_000);
      });
      expect(timelines()).toBe(1);
      timelineAnswer = () => new Response(JSON.stringify(running), { status: 200 });
      await playAt(6.5);
      await act(() => {
        vi.advanceTimersByTime(10_000);
      });
      expect(timelines()).toBe(2);
    } finally {
      vi.useRealTimers();
    }
    await waitFor(() => expect(document.querySelector('article.poll[data-state="open"]')).not.toBeNull());
  });

  it('says when the timeline did not load, and loads it on retry', async () => {
    timelineAnswer = () => new Response('oops', { status: 503 });
    await openReplay();
    await screen.findByText('Не удалось загрузить запись. Проверьте связь и повторите.');
    timelineAnswer = () => new Response(JSON.stringify(TIMELINE), { status: 200 });
    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Повторить' }));
    });
    await screen.findByText('Главные моменты');
    expect(screen.queryByText('Не удалось загрузить запись. Проверьте связь и повторите.')).toBeNull();
  });

  it('says when a session has no recording', async () => {
    timelineAnswer = () => new Response('{"error":"not_found"}', { status: 404 });
    await openReplay();
    await screen.findByText('Записи этой сессии нет.');
    expect(document.querySelector('video')).toBeNull();
  });

  it('speaks English too', async () => {
    localStorage.setItem('veche.lang', 'en');
    await openReplay();
    await screen.findByRole('slider', { name: 'Moment of the recording' });
    expect(screen.getByText('Key moments')).toBeTruthy();
  });
});
