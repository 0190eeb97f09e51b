// The event's regions (`GET /api/v1/regions`) for the join form, and the
// regional picture of a session (`GET /api/v1/sessions/{id}/stats`) for the
// staff pages (contract 7.1).

export interface RegionCount {
  /** null: people who named no region */
  region: string | null;
  participants: number;
  askers: number;
  questions: number;
}

export interface SessionStats {
  participants: number;
  askers: number;
  questions: number;
  regions: RegionCount[];
}

let regionsOnce: Promise<string[]> | null = null;

/** The names the join form offers; fetched once per page, and again after a failure. */
export function fetchRegions(fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<string[]> {
  regionsOnce ??= fetchImpl('/api/v1/regions', { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`regions answered ${r.status}`))))
    .then((body: unknown) => {
      const list = (body as { regions?: unknown })?.regions;
      if (!Array.isArray(list)) throw new Error('regions: not a list');
      return list.filter((name): name is string => typeof name === 'string');
    })
    .catch((cause: unknown) => {
      regionsOnce = null;
      throw cause;
    });
  return regionsOnce;
}

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** `GET /api/v1/sessions/{id}/stats` with a staff token. */
export async function fetchStats(sessionId: string, token: string, fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<SessionStats> {
  const response = await fetchImpl(`/api/v1/sessions/${encodeURIComponent(sessionId)}/stats`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`stats answered ${response.status}`);
  const body = (await response.json()) as Partial<SessionStats> | null;
  const regions = Array.isArray(body?.regions) ? body.regions : [];
  return {
    participants: count(body?.participants),
    askers: count(body?.askers),
    questions: count(body?.questions),
    regions: regions.map((r) => ({
      region: typeof r?.region === 'string' ? r.region : null,
      participants: count(r?.participants),
      askers: count(r?.askers),
      questions: count(r?.questions),
    })),
  };
}
