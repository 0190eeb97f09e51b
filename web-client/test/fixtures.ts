import type { ForumEvent, ForumSession } from '../src/api/types';

export function session(overrides: Partial<ForumSession> & Pick<ForumSession, 'id' | 'hall'>): ForumSession {
  return {
    title: `Session ${overrides.id}`,
    kind: 'panel',
    starts_at: '2026-01-15T07:00:00Z',
    ends_at: '2026-01-15T08:30:00Z',
    speakers: [],
    state: 'scheduled',
    qa_open: false,
    moderation: 'pre',
    ...overrides,
  };
}

/** An event in the shape of the demo forum, sessions deliberately out of order. */
export function demoEvent(): ForumEvent {
  return {
    id: 'forum',
    title: 'Малая родина — сила России',
    halls: [
      { id: 'main', name: 'Главная сцена', stream: { hls: '/hls/main/master.m3u8', status: 'live' } },
      { id: 'prosv', name: 'Просвещение', stream: { hls: '/hls/prosv/master.m3u8', status: 'slate' } },
      { id: 'pres', name: 'Презентационный зал', stream: { hls: '/hls/pres/master.m3u8', status: 'offline' } },
    ],
    sessions: [
      session({
        id: 's3',
        hall: 'main',
        title: 'Пленарное заседание',
        kind: 'plenary',
        starts_at: '2026-01-15T11:00:00Z',
        ends_at: '2026-01-15T12:30:00Z',
      }),
      session({
        id: 's1',
        hall: 'main',
        title: 'Сила в людях',
        kind: 'panel',
        starts_at: '2026-01-15T07:00:00Z',
        ends_at: '2026-01-15T08:30:00Z',
        state: 'live',
        qa_open: true,
        speakers: [
          { name: 'Анна Смирнова', title: 'глава муниципального округа' },
          { name: 'Игорь Петров', title: '' },
        ],
      }),
      session({
        id: 's2',
        hall: 'prosv',
        title: 'Школа как центр притяжения',
        kind: 'round_table',
        starts_at: '2026-01-15T08:00:00Z',
        ends_at: '2026-01-15T09:00:00Z',
      }),
      session({
        id: 's4',
        hall: 'pres',
        title: 'Проект «Муниципальный наставник»',
        kind: 'presentation',
        starts_at: '2026-01-15T09:30:00Z',
        ends_at: '2026-01-15T10:15:00Z',
        state: 'ended',
        qa_open: true,
      }),
      session({
        id: 's5',
        hall: 'prosv',
        title: 'Практикум для команд',
        kind: 'hackathon',
        starts_at: '2026-01-15T06:00:00Z',
        ends_at: '2026-01-15T07:00:00Z',
      }),
    ],
  };
}

/** A Response for a fake fetch. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}
