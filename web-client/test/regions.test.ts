import { describe, expect, it, vi } from 'vitest';
import { fetchStats } from '../src/api/regions';
import type { Question } from '../src/lib/protocol';
import { NO_REGION, regionCounts, regionDominance } from '../src/lib/regions';

let next = 1;
function q(region: string | null, anonymous = false): Question {
  const id = `s1.${next++}`;
  return {
    id,
    session: 's1',
    text: id,
    author: anonymous ? null : { id: `p${id}`, name: '', org: null, region, verified: true },
    state: 'approved',
    highlighted: false,
    votes: 0,
    created_at: '2026-01-15T10:00:00Z',
    edited: false,
  };
}
const many = (region: string | null, n: number) => Array.from({ length: n }, () => q(region));

describe('regions in the moderator lists', () => {
  it('counts the regions of the questions, most first, no region last', () => {
    const list = [...many('Москва', 1), ...many(null, 3), ...many('Тверская область', 2), q('Казань', true), ...many('Алтайский край', 1)];
    expect(regionCounts(list)).toEqual([
      { region: 'Тверская область', count: 2 },
      { region: 'Алтайский край', count: 1 },
      { region: 'Москва', count: 1 },
      { region: NO_REGION, count: 4 },
    ]);
  });

  it('finds a queue dominated by two regions or fewer: 60 % of at least five questions that name one', () => {
    // Too few to tell.
    expect(regionDominance([...many('Москва', 3), ...many('Тверская область', 1)])).toBeNull();
    // Only two regions at all: nothing else to prefer.
    expect(regionDominance([...many('Москва', 4), ...many('Тверская область', 2)])).toBeNull();
    // 4 of 6 from two regions: 67 %.
    const leaning = regionDominance([...many('Москва', 3), ...many('Тверская область', 1), ...many('Омская область', 1), ...many('Крым', 1)]);
    expect(leaning?.regions).toEqual(['Москва', 'Крым']);
    expect(leaning?.share).toBeCloseTo(4 / 6);
    // 3 of 6: balanced.
    expect(regionDominance([...many('Москва', 2), ...many('Крым', 1), ...many('Омская область', 1), ...many('Тыва', 1), ...many('Коми', 1)])).toBeNull();
    // Questions without a region do not count either way.
    expect(regionDominance([...many('Москва', 3), ...many('Крым', 1), ...many('Тыва', 1), ...many(null, 20)])?.regions).toEqual(['Москва', 'Крым']);
  });
});

describe('GET …/stats', () => {
  it('sends the staff token and reads the regions, null included', async () => {
    const body = {
      participants: 3,
      askers: 1,
      questions: 2,
      regions: [
        { region: 'Тверская область', participants: 2, askers: 1, questions: 2 },
        { region: null, participants: 1, askers: 0, questions: 0 },
      ],
    };
    const f = vi.fn<typeof fetch>(async () => new Response(JSON.stringify(body), { status: 200 }));
    await expect(fetchStats('s 1', 'tok', f)).resolves.toEqual(body);
    const [url, init] = f.mock.calls[0]!;
    expect(url).toBe('/api/v1/sessions/s%201/stats');
    expect((init?.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    await expect(fetchStats('s1', 'tok', vi.fn<typeof fetch>(async () => new Response('{}', { status: 403 })))).rejects.toThrow('403');
  });
});
