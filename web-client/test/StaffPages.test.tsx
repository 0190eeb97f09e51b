import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CaptionApp } from '../src/caption/CaptionApp';
import { ModeratorApp } from '../src/moderator/ModeratorApp';
import { SpeakerApp } from '../src/speaker/SpeakerApp';
import { demoEvent } from './fixtures';
import { ev, FakeSocket, q, snapshot } from './live-fixtures';

function jwt(claims: object): string {
  const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '');
  return `${b64({ alg: 'HS256' })}.${b64(claims)}.sig`;
}

async function server(fn: () => void) {
  await act(async () => {
    fn();
    await Promise.resolve();
  });
}

async function connected(role: string) {
  const socket = await waitFor(() => FakeSocket.latest());
  await server(() => {
    socket.open();
    socket.welcome(role, 'staff');
  });
  return socket;
}

beforeEach(() => {
  FakeSocket.all = [];
  sessionStorage.clear();
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(demoEvent()), { status: 200 }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  history.replaceState(null, '', '/');
});

describe('staff pages', () => {
  it('explain how to get a token when the link has none', async () => {
    history.replaceState(null, '', '/moderator?session=s1');
    render(<ModeratorApp />);
    expect(await screen.findByText('Нужна ссылка с токеном доступа.')).toBeTruthy();
    expect(screen.getByText(/veche token --config … --role moderator/)).toBeTruthy();
  });

  it('refuse a token of another role', async () => {
    history.replaceState(null, '', `/moderator?session=s1#token=${jwt({ role: 'participant' })}`);
    render(<ModeratorApp />);
    expect(await screen.findByText(/Этот токен для роли «participant»/)).toBeTruthy();
  });

  it('offer the sessions to pick from when the link names none', async () => {
    history.replaceState(null, '', `/speaker#token=${jwt({ role: 'speaker' })}`);
    render(<SpeakerApp />);
    expect(await screen.findByRole('heading', { name: 'Выберите сессию' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Сила в людях' }).getAttribute('href')).toBe('?session=s1');
  });
});

describe('the moderator page', () => {
  const token = jwt({ role: 'moderator', exp: 4_000_000_000 });

  async function openConsole() {
    history.replaceState(null, '', `/moderator?session=s1#token=${token}`);
    render(<ModeratorApp />);
    const socket = await connected('moderator');
    await server(() =>
      socket.receive(
        snapshot({
          viewers: 57,
          questions: [
            q('p1', { state: 'pending', text: 'Первый входящий', created_at: '2026-01-15T10:01:00Z', anonymous: true }),
            q('p2', { state: 'pending', text: 'Второй входящий', created_at: '2026-01-15T10:02:00Z' }),
            q('ok', { text: 'Одобренный', votes: 3 }),
          ],
        }),
      ),
    );
    return socket;
  }

  it('takes the token out of the address bar and keeps it for the tab', async () => {
    const socket = await openConsole();
    expect(location.hash).toBe('');
    expect(location.search).toBe('?session=s1');
    expect(sessionStorage.getItem('veche.staff-token')).toBe(token);
    expect(socket.sent[0]).toEqual({ type: 'hello', token });
    expect(screen.getByText('57 зрителей')).toBeTruthy();
    expect(screen.getByText('Анна (анонимно)')).toBeTruthy();
  });

  it('moderates with the keyboard: J moves, A approves, H highlights, E edits', async () => {
    const socket = await openConsole();
    const first = screen.getByText('Первый входящий').closest('li')!;
    first.focus();
    fireEvent.keyDown(first, { key: 'j' });
    expect(document.activeElement).toBe(screen.getByText('Второй входящий').closest('li'));
    fireEvent.keyDown(document.activeElement!, { key: 'a' });
    expect(socket.sentOfType('moderate').at(-1)).toMatchObject({ question: 'p2', action: 'approve' });

    const approved = screen.getByText('Одобренный').closest('li')!;
    approved.focus();
    fireEvent.keyDown(approved, { key: 'h' });
    expect(socket.sentOfType('moderate').at(-1)).toMatchObject({ question: 'ok', action: 'highlight' });

    fireEvent.keyDown(approved, { key: 'e' });
    const box = await screen.findByLabelText('Текст вопроса');
    // typing in the editor is not a shortcut
    fireEvent.keyDown(box, { key: 'a' });
    expect(socket.sentOfType('moderate')).toHaveLength(2);
    fireEvent.input(box, { target: { value: 'Одобренный, исправленный' } });
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    expect(socket.sentOfType('moderate').at(-1)).toEqual(
      expect.objectContaining({ question: 'ok', action: 'edit', text: 'Одобренный, исправленный' }),
    );
  });

  it('filters the incoming list by region and says when few regions fill the approved queue', async () => {
    history.replaceState(null, '', `/moderator?session=s1#token=${token}`);
    render(<ModeratorApp />);
    const socket = await connected('moderator');
    const from = (region: string | null, org = 'Район') => ({ id: `a-${region}`, name: 'Делегат', org, region, verified: true });
    const approved = ['Москва', 'Москва', 'Москва', 'Тверская область', 'Омская область', 'Республика Крым'].map((region, i) =>
      q(`ok${i}`, { text: `Одобренный ${i}`, author: from(region) }),
    );
    await server(() =>
      socket.receive(
        snapshot({
          questions: [
            ...approved,
            q('t1', { state: 'pending', text: 'Из Твери', author: from('Тверская область', 'Бежецкий округ') }),
            q('k1', { state: 'pending', text: 'Из Казани', author: from('Республика Татарстан (Татарстан)') }),
            q('n1', { state: 'pending', text: 'Без региона', author: null, anonymous: true }),
          ],
        }),
      ),
    );
    // 4 of the 6 approved questions from Москва and one other region: 67 %.
    expect(screen.getByRole('note').textContent).toBe(
      '67 % одобренных вопросов — из регионов Москва и Омская область. Посмотрите вопросы из других регионов.',
    );
    expect(screen.getByText('Бежецкий округ')).toBeTruthy();
    const filter = screen.getByLabelText('Вопросы из региона') as HTMLSelectElement;
    expect([...filter.options].map((o) => o.textContent)).toEqual([
      'Все регионы (3)',
      'Республика Татарстан (Татарстан) (1)',
      'Тверская область (1)',
      'Регион не указан (1)',
    ]);
    fireEvent.change(filter, { target: { value: 'Тверская область' } });
    const incoming = () => [...document.querySelectorAll('.mod-col--incoming li.mod-q')].map((li) => li.getAttribute('aria-label'));
    expect(incoming()).toEqual(['Из Твери']);
    fireEvent.change(filter, { target: { value: '' } });
    expect(incoming()).toEqual(['Без региона']);
    fireEvent.change(filter, { target: { value: '*' } });
    expect(incoming()).toHaveLength(3);
  });

  it('shows the similar question on an incoming one, merges into it, and replies in writing', async () => {
    const socket = await openConsole();
    await server(() =>
      socket.receive(ev(11, 'question', q('p1', { state: 'pending', text: 'Первый входящий', similar_to: { id: 'ok', score: 0.83 } }))),
    );
    const card = screen.getByText('Первый входящий').closest('li')!;
    expect(card.textContent).toContain('Похож (83%) на вопрос «Одобренный»');
    fireEvent.click(screen.getByRole('button', { name: 'Объединить с ним' }));
    expect(socket.sentOfType('moderate').at(-1)).toMatchObject({ question: 'p1', action: 'merge', into: 'ok' });

    // Another incoming one: M opens the choice of the queue's questions.
    const second = screen.getByText('Второй входящий').closest('li')!;
    second.focus();
    fireEvent.keyDown(second, { key: 'm' });
    const target = await screen.findByLabelText('С каким вопросом объединить');
    expect((target as HTMLSelectElement).value).toBe('ok');
    fireEvent.click(within(target.closest('.mod-q__merge') as HTMLElement).getByRole('button', { name: 'Объединить' }));
    expect(socket.sentOfType('moderate').at(-1)).toMatchObject({ question: 'p2', action: 'merge', into: 'ok' });

    const approved = screen.getByText('Одобренный').closest('li')!;
    approved.focus();
    fireEvent.keyDown(approved, { key: 'w' });
    const reply = await screen.findByLabelText('Письменный ответ');
    fireEvent.input(reply, { target: { value: '  Заявки принимают с 1 марта.  ' } });
    fireEvent.keyDown(reply, { key: 'Enter', ctrlKey: true });
    expect(socket.sentOfType('moderate').at(-1)).toMatchObject({ question: 'ok', action: 'reply', text: 'Заявки принимают с 1 марта.' });

    // The merged question: in the archive, saying where it went, with nothing left to do.
    await server(() => socket.receive(ev(12, 'question', q('p1', { state: 'merged', text: 'Первый входящий', merged_into: 'ok' }))));
    const merged = screen.getByText('Первый входящий').closest('li')!;
    expect(merged.closest('.mod-col--archived')).toBeTruthy();
    expect(merged.textContent).toContain('Объединён с вопросом «Одобренный»');
    expect(merged.querySelectorAll('.mod-q__action')).toHaveLength(0);
  });

  it('sends session controls and shows a refusal', async () => {
    const socket = await openConsole();
    fireEvent.click(screen.getByRole('button', { name: 'Закрыт' }));
    const sent = socket.sentOfType('session_control')[0]!;
    expect(sent).toMatchObject({ session: 's1', action: 'qa_close' });
    await server(() => socket.receive({ type: 'error', rid: sent.rid, code: 'forbidden', message: 'no' }));
    await screen.findByText('Это действие вам недоступно.');
  });

  it('builds a poll', async () => {
    const socket = await openConsole();
    fireEvent.input(screen.getByLabelText('Вопрос опроса'), { target: { value: 'Откуда вы?' } });
    fireEvent.input(screen.getByLabelText('Вариант 1'), { target: { value: 'Город' } });
    fireEvent.input(screen.getByLabelText('Вариант 2'), { target: { value: 'Село' } });
    fireEvent.click(screen.getByRole('button', { name: 'Добавить вариант' }));
    fireEvent.click(screen.getByLabelText('Несколько ответов'));
    fireEvent.click(screen.getByRole('button', { name: 'Создать опрос' }));
    expect(socket.sentOfType('poll_create')[0]).toMatchObject({
      session: 's1',
      question: 'Откуда вы?',
      options: ['Город', 'Село'],
      multi: true,
      live_results: false,
      formal: false,
    });
  });

  it('builds a formal poll and marks it', async () => {
    const socket = await openConsole();
    fireEvent.input(screen.getByLabelText('Вопрос опроса'), { target: { value: 'Принять резолюцию?' } });
    fireEvent.input(screen.getByLabelText('Вариант 1'), { target: { value: 'За' } });
    fireEvent.input(screen.getByLabelText('Вариант 2'), { target: { value: 'Против' } });
    fireEvent.click(screen.getByLabelText(/^Официальное голосование/));
    fireEvent.click(screen.getByRole('button', { name: 'Создать опрос' }));
    expect(socket.sentOfType('poll_create')[0]).toMatchObject({ question: 'Принять резолюцию?', formal: true });
  });

  it('downloads the CSV with the Bearer token', async () => {
    const calls: [string, RequestInit | undefined][] = [];
    await openConsole();
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      calls.push([url, init]);
      return new Response('\ufeffid,text\n', { status: 200 });
    });
    URL.createObjectURL = vi.fn(() => 'blob:csv');
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    fireEvent.click(screen.getByRole('button', { name: 'Скачать вопросы (CSV)' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(calls[0]![0]).toBe('/api/v1/sessions/s1/questions.csv');
    expect((calls[0]![1]!.headers as Record<string, string>).Authorization).toBe(`Bearer ${token}`);
    fireEvent.click(screen.getByRole('button', { name: 'Скачать журнал действий (CSV)' }));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]![0]).toBe('/api/v1/sessions/s1/audit.csv');
    expect((calls[1]![1]!.headers as Record<string, string>).Authorization).toBe(`Bearer ${token}`);
  });
});

describe('the speaker page', () => {
  it('puts the highlighted question on top and orders the rest by votes', async () => {
    history.replaceState(null, '', `/speaker?session=s1#token=${jwt({ role: 'speaker' })}`);
    render(<SpeakerApp />);
    const socket = await connected('speaker');
    await server(() =>
      socket.receive(snapshot({ questions: [q('a', { votes: 1, text: 'Мало' }), q('b', { votes: 5, text: 'Много' }), q('h', { highlighted: true, text: 'На сцене' })] })),
    );
    expect(document.querySelector('.speaker__stage-text')?.textContent).toBe('На сцене');
    expect([...document.querySelectorAll('.speaker__item .speaker__text')].map((e) => e.textContent)).toEqual(['Много', 'Мало']);
    await server(() => socket.receive(ev(11, 'votes', { counts: { a: 9 } })));
    expect([...document.querySelectorAll('.speaker__item .speaker__text')].map((e) => e.textContent)).toEqual(['Мало', 'Много']);

    // A written answer from the stage: sent, then shown under the question.
    const item = screen.getByText('Много').closest('li')!;
    fireEvent.click(item.querySelector('.speaker__reply')!);
    const box = await screen.findByLabelText('Письменный ответ');
    fireEvent.input(box, { target: { value: 'Отвечу после сессии.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Опубликовать' }));
    expect(socket.sentOfType('moderate').at(-1)).toMatchObject({ question: 'b', action: 'reply', text: 'Отвечу после сессии.' });
    await server(() => socket.receive(ev(12, 'question', q('b', { votes: 5, text: 'Много', reply: { text: 'Отвечу после сессии.', by: null, at_ms: 1 } }))));
    expect(item.textContent).toContain('Отвечу после сессии.');
  });
});

describe('the caption page', () => {
  it('sends partials while typing and a final on Enter, without subscribing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      history.replaceState(null, '', `/caption?session=s1#token=${jwt({ role: 'captioner' })}`);
      render(<CaptionApp />);
      const socket = await connected('captioner');
      expect(socket.sentOfType('subscribe')).toEqual([]);
      const input = screen.getByLabelText('Текущая строка');
      fireEvent.input(input, { target: { value: 'Д' } });
      fireEvent.input(input, { target: { value: 'До' } });
      fireEvent.input(input, { target: { value: 'Доб' } });
      await server(() => vi.advanceTimersByTime(200));
      const partials = socket.sentOfType('transcript');
      expect(partials.map((p) => p.text)).toEqual(['Д', 'Доб']);
      expect(partials.every((p) => p.final === false && p.id === partials[0]!.id && p.rid === undefined)).toBe(true);

      fireEvent.input(input, { target: { value: 'Добрый день.' } });
      fireEvent.keyDown(input, { key: 'Enter' });
      const final = socket.sentOfType('transcript').at(-1)!;
      expect(final).toMatchObject({ session: 's1', id: partials[0]!.id, text: 'Добрый день.', final: true, lang: 'ru' });
      expect(typeof final.rid).toBe('string');
      expect(screen.getByText('отправляется')).toBeTruthy();
      await server(() => socket.receive({ type: 'ack', rid: final.rid, id: final.id }));
      await waitFor(() => expect(screen.getByText('сохранена')).toBeTruthy());
      expect((input as HTMLInputElement).value).toBe('');
      fireEvent.input(input, { target: { value: 'Следующая' } });
      await server(() => vi.advanceTimersByTime(200));
      expect(socket.sentOfType('transcript').at(-1)!.id).not.toBe(final.id);
    } finally {
      vi.useRealTimers();
    }
  });
});
