import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FetchEventOptions } from '../src/api/event';
import { LoadError } from '../src/api/errors';
import type { ForumEvent } from '../src/api/types';
import { LANG_STORAGE_KEY } from '../src/i18n';
import { ParticipantApp } from '../src/participant/ParticipantApp';
import { demoEvent } from './fixtures';

type Loader = (options: FetchEventOptions) => Promise<ForumEvent>;

/** The event title as shown: typeset with a non-breaking space before the dash. */
const SHOWN_TITLE = 'Малая родина\u00a0— сила России';

function renderApp(loadEvent: Loader) {
  return render(<ParticipantApp loadEvent={loadEvent} timeZone="Europe/Moscow" locale={undefined} />);
}

/** A loader whose answers the test hands out one by one. */
function controlledLoader() {
  const pending: { resolve: (e: ForumEvent) => void; reject: (e: unknown) => void }[] = [];
  const loader = vi.fn<Loader>(
    () =>
      new Promise<ForumEvent>((resolve, reject) => {
        pending.push({ resolve, reject });
      }),
  );
  return { loader, pending };
}

beforeEach(() => {
  localStorage.clear();
  document.documentElement.lang = 'ru';
});

afterEach(() => {
  cleanup();
});

describe('the agenda page', () => {
  it('lists every hall with its sessions in start order', async () => {
    renderApp(async () => demoEvent());

    expect(await screen.findByRole('heading', { level: 1, name: SHOWN_TITLE })).toBeTruthy();
    const main = screen.getByRole('region', { name: 'Главная сцена' });
    const titles = within(main)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    expect(titles).toEqual(['Сила в людях', 'Пленарное заседание']);
    expect(screen.getByRole('region', { name: 'Просвещение' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Презентационный зал' })).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(5);
  });

  it('shows times in the reader zone with machine-readable instants', async () => {
    renderApp(async () => demoEvent());
    const title = await screen.findByRole('heading', { name: 'Сила в людях' });
    const card = title.closest('article')!;
    const times = card.querySelectorAll('time');
    expect([...times].map((t) => [t.getAttribute('datetime'), t.textContent])).toEqual([
      ['2026-01-15T07:00:00Z', '10:00'],
      ['2026-01-15T08:30:00Z', '11:30'],
    ]);
    expect(within(card as HTMLElement).getByText('с 10:00 до 11:30')).toBeTruthy();
    expect(within(card as HTMLElement).getByText('1 ч 30 мин')).toBeTruthy();
    expect(screen.getByText(/Время указано по вашему часовому поясу: Москва/)).toBeTruthy();
  });

  it('labels kinds, states, Q&A and streams', async () => {
    renderApp(async () => demoEvent());
    const card = (await screen.findByRole('heading', { name: 'Сила в людях' })).closest('article') as HTMLElement;
    expect(within(card).getByText('Панельная дискуссия')).toBeTruthy();
    expect(within(card).getByText('Идёт сейчас')).toBeTruthy();
    expect(within(card).getByText('Приём вопросов открыт')).toBeTruthy();
    expect(within(card).getByRole('list', { name: 'Спикеры' }).textContent).toContain('Анна Смирнова');
    // An unknown kind is shown as sent; an ended session does not invite questions.
    expect(screen.getByText('hackathon')).toBeTruthy();
    const ended = screen.getByRole('heading', { name: 'Проект «Муниципальный наставник»' }).closest('article') as HTMLElement;
    expect(within(ended).getByText('Завершена')).toBeTruthy();
    expect(within(ended).queryByText('Приём вопросов открыт')).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Главная сцена' })).getByText('В эфире')).toBeTruthy();
  });

  it('links every hall from the hall list', async () => {
    renderApp(async () => demoEvent());
    const nav = await screen.findByRole('navigation', { name: 'Залы' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(['Главная сцена', 'Просвещение', 'Презентационный зал']);
    for (const link of links) {
      const target = document.getElementById(link.getAttribute('href')!.slice(1));
      expect(target?.tagName).toBe('SECTION');
    }
  });

  it('renders text from the server as text, never as markup', async () => {
    const event = demoEvent();
    event.sessions[0]!.title = '<img src=x onerror=alert(1)>';
    event.halls[0]!.name = '<b>Главная</b>';
    renderApp(async () => event);
    expect(await screen.findByRole('heading', { name: '<img src=x onerror=alert(1)>' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '<b>Главная</b>' })).toBeTruthy();
    expect(document.querySelector('main img, main b')).toBeNull();
  });

  it('says so when the event has no programme yet', async () => {
    renderApp(async () => ({ id: 'f', title: 'Форум', halls: [], sessions: [] }));
    expect(await screen.findByText('Программа форума пока не опубликована.')).toBeTruthy();
  });

  it('sets the document title from the event', async () => {
    renderApp(async () => demoEvent());
    await screen.findByRole('heading', { level: 1, name: SHOWN_TITLE });
    await waitFor(() => expect(document.title).toBe('Малая родина — сила России — Программа'));
  });
});

describe('the language switch', () => {
  it('starts in Russian and switches to English and back, remembering the choice', async () => {
    renderApp(async () => demoEvent());
    await screen.findByRole('heading', { name: 'Сила в людях' });
    expect(document.documentElement.lang).toBe('ru');
    const ruButton = screen.getByRole('button', { name: 'Русский' });
    expect(ruButton.getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    await screen.findByRole('navigation', { name: 'Halls' });
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getAllByText('Panel discussion').length).toBeGreaterThan(0);
    expect(screen.getByText('Live now')).toBeTruthy();
    // Server texts are not translated, and say they are Russian.
    expect(screen.getByRole('heading', { name: 'Сила в людях' }).getAttribute('lang')).toBe('ru');
    expect(screen.getByRole('heading', { level: 1 }).getAttribute('lang')).toBe('ru');

    fireEvent.click(screen.getByRole('button', { name: 'Русский' }));
    await screen.findByRole('navigation', { name: 'Залы' });
    expect(document.documentElement.lang).toBe('ru');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('ru');
  });

  it('opens in the remembered language', async () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en');
    renderApp(async () => demoEvent());
    expect(await screen.findByRole('navigation', { name: 'Halls' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByText(/Times are shown in your time zone/)).toBeTruthy();
  });

  it('labels each language button in its own language', async () => {
    renderApp(async () => demoEvent());
    const group = await screen.findByRole('group', { name: 'Язык интерфейса' });
    const buttons = within(group).getAllByRole('button');
    expect(buttons.map((b) => [b.textContent, b.getAttribute('lang')])).toEqual([
      ['Русский', 'ru'],
      ['English', 'en'],
    ]);
  });
});

describe('loading and errors', () => {
  it('shows a loading status, then the agenda', async () => {
    const { loader, pending } = controlledLoader();
    renderApp(loader);
    expect(screen.getByRole('status').textContent).toContain('Загружаем программу форума');
    pending[0]!.resolve(demoEvent());
    expect(await screen.findByRole('heading', { name: 'Сила в людях' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('explains a failure and retries on request', async () => {
    const { loader, pending } = controlledLoader();
    renderApp(loader);
    pending[0]!.reject(new LoadError('network', 'Failed to fetch'));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'Не удалось загрузить программу' })).toBeTruthy();
    expect(alert.textContent).toContain('Нет связи с сервером');

    fireEvent.click(within(alert).getByRole('button', { name: 'Повторить' }));
    expect(loader).toHaveBeenCalledTimes(2);
    // While it works the button stays (focus is kept) but says so and ignores clicks.
    const busy = within(screen.getByRole('alert')).getByRole('button', { name: 'Загружаем…' });
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(busy);
    expect(loader).toHaveBeenCalledTimes(2);

    pending[1]!.resolve(demoEvent());
    expect(await screen.findByRole('heading', { name: 'Сила в людях' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('stays retryable when the retry fails too', async () => {
    const { loader, pending } = controlledLoader();
    renderApp(loader);
    pending[0]!.reject(new LoadError('http', 'the server answered 502', 502));
    expect((await screen.findByRole('alert')).textContent).toContain('код 502');
    fireEvent.click(screen.getByRole('button', { name: 'Повторить' }));
    pending[1]!.reject(new LoadError('timeout', 'slow'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Сервер не ответил вовремя'));
    expect(screen.getByRole('button', { name: 'Повторить' }).getAttribute('aria-disabled')).toBe('false');
  });

  it('explains unreadable data, in the chosen language', async () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en');
    renderApp(async () => Promise.reject(new LoadError('data', 'not JSON')));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the programme');
    expect(alert.textContent).toContain('could not be read');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('treats an unexpected exception as a network failure', async () => {
    renderApp(async () => Promise.reject(new Error('boom')));
    expect((await screen.findByRole('alert')).textContent).toContain('Нет связи с сервером');
  });
});

describe('without a network, after an earlier visit', () => {
  it('shows the kept programme with the «Нет связи» banner, and the live one once the server answers again', async () => {
    const first = renderApp(async () => demoEvent());
    await screen.findByRole('heading', { name: 'Сила в людях' });
    first.unmount();

    const { loader, pending } = controlledLoader();
    renderApp(loader);
    pending[0]!.reject(new LoadError('network', 'offline'));
    const banner = await screen.findByText(/Нет связи с сервером/);
    expect(banner.closest('[role="status"]')!.textContent).toMatch(/Показано то, что было известно в \d\d:\d\d\./);
    expect(screen.getByRole('heading', { name: 'Сила в людях' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();

    // The browser says the network is back: the page asks again, quietly (once its listener is in place).
    await waitFor(() => {
      window.dispatchEvent(new Event('online'));
      expect(loader.mock.calls.length).toBeGreaterThanOrEqual(2);
    });
    expect(screen.getByText(/Нет связи с сервером/)).toBeTruthy();
    pending.at(-1)!.resolve({ ...demoEvent(), title: 'Обновлённая программа' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Обновлённая программа' })).toBeTruthy();
    expect(screen.queryByText(/Нет связи с сервером/)).toBeNull();
  });

  it('says what went wrong when the server answers with nonsense, kept copy or not', async () => {
    const first = renderApp(async () => demoEvent());
    await screen.findByRole('heading', { name: 'Сила в людях' });
    first.unmount();
    renderApp(async () => Promise.reject(new LoadError('data', 'not JSON')));
    expect((await screen.findByRole('alert')).textContent).toContain('не удалось прочитать');
  });
});
