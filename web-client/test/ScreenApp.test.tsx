import { act, cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScreenApp } from '../src/screen/ScreenApp';
import { demoEvent } from './fixtures';
import { FakeSocket, ev, poll, q, snapshot } from './live-fixtures';

describe('the screen page', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    sessionStorage.clear();
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    history.replaceState(null, '', '/');
  });

  it('without a staff token joins as a nameless participant, then shows the highlight, poll bars and the join link', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      calls.push(url);
      if (url === '/api/v1/join') return new Response(JSON.stringify({ token: 'screen-token', participant: { id: 'p9', name: null } }));
      return new Response(JSON.stringify(demoEvent()));
    });
    history.replaceState(null, '', '/screen?session=s1');
    render(<ScreenApp />);
    const socket = await waitFor(() => FakeSocket.latest());
    expect(calls).toContain('/api/v1/join');
    await act(async () => {
      socket.open();
      socket.welcome('participant', 'p9');
      socket.receive(
        snapshot({
          questions: [q('h', { highlighted: true, text: '<script>alert(1)</script>' })],
          polls: [poll('P', { state: 'closed', voters: 4, options: [{ text: 'Да', votes: 3 }, { text: 'Нет', votes: 1 }] })],
        }),
      );
      await Promise.resolve();
    });
    expect(socket.sent[0]).toEqual({ type: 'hello', token: 'screen-token' });
    expect(document.querySelector('.screen__text')?.textContent).toBe('<script>alert(1)</script>');
    expect(screen.getByText('75% (3)')).toBeTruthy();
    const qr = document.querySelector('canvas.qr')!;
    expect(qr.getAttribute('data-qr-text')).toBe(`${location.origin}/?session=s1`);
    expect(qr.getAttribute('aria-label')).toBe(`QR-код ссылки ${location.host}/?session=s1`);
  });

  it('puts the public address (http.public_url) in the QR code when the server names one', async () => {
    vi.stubGlobal('fetch', async (url: string) => {
      if (url === '/api/v1/join') return new Response(JSON.stringify({ token: 'screen-token', participant: { id: 'p9', name: null } }));
      return new Response(JSON.stringify({ ...demoEvent(), public_url: 'https://forum.example.ru' }));
    });
    history.replaceState(null, '', '/screen?session=s1');
    render(<ScreenApp />);
    const socket = await waitFor(() => FakeSocket.latest());
    await act(async () => {
      socket.open();
      socket.welcome('participant', 'p9');
      socket.receive(snapshot({}));
      await Promise.resolve();
    });
    const qr = await waitFor(() => document.querySelector('canvas.qr')!);
    expect(qr.getAttribute('data-qr-text')).toBe('https://forum.example.ru/?session=s1');
    expect(qr.getAttribute('aria-label')).toBe('QR-код ссылки forum.example.ru/?session=s1');
  });

  it('with a speaker token shows an open poll without results as its options, and its results once revealed', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(demoEvent())));
    history.replaceState(null, '', '/screen?session=s1#token=speaker-token');
    render(<ScreenApp />);
    const socket = await waitFor(() => FakeSocket.latest());
    const hidden = { voters: 2, results_visible: false, options: [{ text: 'Да', votes: null }, { text: 'Нет', votes: null }] };
    await act(async () => {
      socket.open();
      socket.welcome('speaker', 'sp1');
      socket.receive(snapshot({ polls: [poll('P', hidden)] }));
      await Promise.resolve();
    });
    expect(socket.sent[0]).toEqual({ type: 'hello', token: 'speaker-token' });
    expect(document.querySelector('.screen__options')?.textContent).toBe('ДаНет');
    expect(document.querySelector('.poll-results')).toBeNull();
    expect(document.body.textContent).not.toContain('null');

    const revealed = { voters: 2, live_results: true, results_visible: true, options: [{ text: 'Да', votes: 1 }, { text: 'Нет', votes: 1 }] };
    await act(async () => {
      socket.receive(ev(11, 'poll', poll('P', revealed)));
      await Promise.resolve();
    });
    expect(screen.getAllByText('50% (1)')).toHaveLength(2);
  });
});
