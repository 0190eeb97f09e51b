import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ParticipantApp } from '../src/participant/ParticipantApp';
import { DATA_SAVER_KEY, loadDataSaver, saveDataSaver, slowOrMeteredLink } from '../src/lib/saver';
import { demoEvent } from './fixtures';
import { ev, FakeSocket, snapshot } from './live-fixtures';

// A player that records when the page starts it (happy-dom has no Media Source Extensions).
const players = vi.hoisted(() => ({ started: 0, fail: false, saveData: [] as unknown[] }));
vi.mock('../src/lib/player', () => ({
  attachStream: async (_video: HTMLVideoElement, _url: string, options?: { saveData?: boolean }) => {
    players.started++;
    players.saveData.push(options?.saveData);
    if (players.fail) throw new TypeError('Failed to fetch dynamically imported module');
    return {
      kind: 'none',
      wallClock: () => null,
      setQuality: () => undefined,
      setSaveData: (on: boolean) => players.saveData.push(on),
      destroy: () => undefined,
    };
  },
}));

/** An IntersectionObserver the test drives: `showAll()` puts every observed element on screen. */
class FakeObserver {
  static all: FakeObserver[] = [];
  private readonly targets: Element[] = [];
  constructor(private readonly callback: (entries: { isIntersecting: boolean; target: Element }[]) => void) {
    FakeObserver.all.push(this);
  }
  observe(target: Element) {
    this.targets.push(target);
  }
  disconnect() {
    this.targets.length = 0;
  }
  static showAll() {
    for (const o of FakeObserver.all) if (o.targets.length) o.callback(o.targets.map((target) => ({ isIntersecting: true, target })));
  }
}

describe('the data saver choice', () => {
  beforeEach(() => localStorage.clear());

  it('is remembered on the device, and unknown until made', () => {
    expect(loadDataSaver()).toBeNull();
    saveDataSaver(true);
    expect(localStorage.getItem(DATA_SAVER_KEY)).toBe('on');
    expect(loadDataSaver()).toBe(true);
    saveDataSaver(false);
    expect(loadDataSaver()).toBe(false);
  });

  it('is offered on a link that says it is slow or metered', () => {
    expect(slowOrMeteredLink({ connection: { saveData: true, effectiveType: '4g' } })).toBe(true);
    for (const effectiveType of ['slow-2g', '2g', '3g']) expect(slowOrMeteredLink({ connection: { effectiveType } })).toBe(true);
    expect(slowOrMeteredLink({ connection: { effectiveType: '4g', saveData: false } })).toBe(false);
    expect(slowOrMeteredLink({})).toBe(false);
  });
});

describe('the session page and the data saver', () => {
  beforeEach(() => {
    players.started = 0;
    players.fail = false;
    players.saveData = [];
    FakeSocket.all = [];
    FakeObserver.all = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    localStorage.clear();
    localStorage.setItem('veche.participant', JSON.stringify({ token: 'tok', participant: { id: 'me', name: 'Анна' } }));
    history.replaceState(null, '', '/?session=s1');
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    history.replaceState(null, '', '/');
  });

  async function openSession() {
    render(<ParticipantApp loadEvent={async () => demoEvent()} timeZone="Europe/Moscow" />);
    await screen.findByRole('heading', { level: 1, name: 'Сила в людях' });
    const socket = await waitFor(() => FakeSocket.latest());
    await act(() => {
      socket.open();
      socket.welcome('participant', 'me');
    });
    return socket;
  }

  const serve = (socket: FakeSocket, message: unknown) =>
    act(async () => {
      socket.receive(message);
      await Promise.resolve();
    });

  it('waits for the questions before it loads the player, so they come first on a slow link', async () => {
    const socket = await openSession();
    await act(() => FakeObserver.showAll());
    await new Promise((r) => setTimeout(r, 50));
    expect(players.started).toBe(0);
    await serve(socket, snapshot());
    await waitFor(() => expect(players.started).toBe(1));
  });

  it('loads the player only once the picture is in view (or «Смотреть» is pressed)', async () => {
    const socket = await openSession();
    expect(screen.getByRole('button', { name: 'Смотреть' })).toBeTruthy();
    await serve(socket, snapshot());
    await new Promise((r) => setTimeout(r, 50));
    expect(players.started).toBe(0);
    await act(() => FakeObserver.showAll());
    await waitFor(() => expect(players.started).toBe(1));
    expect(screen.queryByRole('button', { name: 'Смотреть' })).toBeNull();
  });

  it('proposes the data saver at once on a 3G phone; when accepted the video waits for «Смотреть»', async () => {
    vi.stubGlobal('navigator', { ...navigator, connection: { effectiveType: '3g', saveData: false } });
    const socket = await openSession();
    const offer = screen.getByRole('region', { name: 'Медленная связь?' });
    fireEvent.click(screen.getByRole('button', { name: 'Включить экономию' }));
    expect(offer.isConnected).toBe(false);
    expect(localStorage.getItem(DATA_SAVER_KEY)).toBe('on');
    expect(screen.getByRole('button', { name: 'Экономия трафика' }).getAttribute('aria-pressed')).toBe('true');

    await serve(socket, snapshot());
    await serve(socket, ev(10, 'reactions', { counts: { applause: 3 }, window_ms: 5000 }));
    await act(() => FakeObserver.showAll());
    expect(document.querySelector('.reactions')!.classList.contains('reactions--still')).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(players.started).toBe(0);
    expect(screen.getByText('Экономия трафика: видео включится, когда вы нажмёте «Смотреть».')).toBeTruthy();
    const video = document.querySelector('video')!;
    expect(video.autoplay).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Смотреть' }));
    await waitFor(() => expect(players.started).toBe(1));
    expect(video.muted).toBe(false);
    // The player keeps to the lowest rung from the start, and climbs again once the saver is off.
    expect(players.saveData).toEqual([true]);
    fireEvent.click(screen.getByRole('button', { name: 'Экономия трафика' }));
    await waitFor(() => expect(players.saveData).toEqual([true, false]));
  });

  it('remembers «Не нужно» and does not ask again', async () => {
    vi.stubGlobal('navigator', { ...navigator, connection: { saveData: true } });
    await openSession();
    fireEvent.click(screen.getByRole('button', { name: 'Не нужно' }));
    expect(screen.queryByRole('region', { name: 'Медленная связь?' })).toBeNull();
    expect(localStorage.getItem(DATA_SAVER_KEY)).toBe('off');
    cleanup();
    await openSession();
    expect(screen.queryByRole('region', { name: 'Медленная связь?' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Экономия трафика' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('does not propose it on a fast link, and turns on from the video tools', async () => {
    vi.stubGlobal('navigator', { ...navigator, connection: { effectiveType: '4g', saveData: false } });
    await openSession();
    expect(screen.queryByRole('region', { name: 'Медленная связь?' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Экономия трафика' }));
    expect(localStorage.getItem(DATA_SAVER_KEY)).toBe('on');
    expect(screen.getByRole('button', { name: 'Экономия трафика' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('offers «Смотреть» again when the player could not load, without retrying by itself', async () => {
    players.fail = true;
    const socket = await openSession();
    await serve(socket, snapshot());
    await act(() => FakeObserver.showAll());
    await waitFor(() => expect(players.started).toBe(1));
    const again = await screen.findByRole('button', { name: 'Смотреть' });
    await new Promise((r) => setTimeout(r, 50));
    expect(players.started).toBe(1);
    players.fail = false;
    fireEvent.click(again);
    await waitFor(() => expect(players.started).toBe(2));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Смотреть' })).toBeNull());
  });
});
