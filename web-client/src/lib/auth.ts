// Tokens. Participants join (`POST /api/v1/join`) and keep their token in
// localStorage, so a reload keeps their identity and their votes. Staff pages
// get a token minted by `veche token` in the URL fragment (`#token=…`: a
// fragment never reaches a server log), keep it in sessionStorage for this tab
// and take it out of the address bar at once, so it is not shared by a
// screenshot or a copied link.

export interface Claims {
  sub?: string;
  role?: string;
  name?: string;
  exp?: number;
  sessions?: string[];
  org?: string;
  region?: string;
  /** absent means true: whoever signs a token vouches for it (docs/protocol.md, "Identity") */
  verified?: boolean;
}

/** The claims of a JWT, read without checking the signature: for display only, the server decides. */
export function decodeClaims(token: string): Claims | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null ? (claims as Claims) : null;
  } catch {
    return null;
  }
}

/** True when the token's `exp` has passed (a token without a readable exp is left to the server). */
export function isExpired(token: string, nowMs = Date.now()): boolean {
  const exp = decodeClaims(token)?.exp;
  return typeof exp === 'number' && exp * 1000 <= nowMs;
}

export const STAFF_TOKEN_KEY = 'veche.staff-token';

function storage(kind: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return globalThis[kind] ?? null;
  } catch {
    return null;
  }
}

/**
 * The staff token: taken from `#token=…` (then removed from the address bar
 * and kept for this tab), else the one this tab kept.
 */
export function takeStaffToken(loc: Location = location, hist: History = history): string | null {
  const params = new URLSearchParams(loc.hash.replace(/^#/, ''));
  const fromUrl = params.get('token');
  const store = storage('sessionStorage');
  if (fromUrl) {
    try {
      store?.setItem(STAFF_TOKEN_KEY, fromUrl);
    } catch {
      /* kept for this page only */
    }
    params.delete('token');
    const rest = params.toString();
    hist.replaceState(hist.state, '', `${loc.pathname}${loc.search}${rest ? `#${rest}` : ''}`);
    return fromUrl;
  }
  try {
    return store?.getItem(STAFF_TOKEN_KEY) ?? null;
  } catch {
    return null;
  }
}

export function forgetStaffToken(): void {
  try {
    storage('sessionStorage')?.removeItem(STAFF_TOKEN_KEY);
  } catch {
    /* nothing kept */
  }
}

export interface Identity {
  token: string;
  /** verified: a delegate's token from the forum's portal; joining on this page is self-declared */
  participant: { id: string; name: string; org?: string; region?: string; verified?: boolean };
}

/** What the participant told the join form last time, offered again when they join anew. */
export interface Profile {
  name: string;
  org: string;
  region: string;
}

export const PROFILE_KEY = 'veche.profile';

export const IDENTITY_KEY = 'veche.participant';

export function loadIdentity(): Identity | null {
  try {
    const raw = storage('localStorage')?.getItem(IDENTITY_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Identity;
    if (typeof value?.token !== 'string' || typeof value.participant?.id !== 'string') return null;
    return value;
  } catch {
    return null;
  }
}

export function saveIdentity(identity: Identity): void {
  try {
    storage('localStorage')?.setItem(IDENTITY_KEY, JSON.stringify(identity));
  } catch {
    /* identity lasts until the page is closed */
  }
}

export function loadProfile(): Profile {
  try {
    const value = JSON.parse(storage('localStorage')?.getItem(PROFILE_KEY) ?? 'null') as Partial<Profile> | null;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    return { name: text(value?.name), org: text(value?.org), region: text(value?.region) };
  } catch {
    return { name: '', org: '', region: '' };
  }
}

export function saveProfile(profile: Profile): void {
  try {
    storage('localStorage')?.setItem(PROFILE_KEY, JSON.stringify(profile));
  } catch {
    /* offered again only while the page is open */
  }
}

export function forgetIdentity(): void {
  try {
    storage('localStorage')?.removeItem(IDENTITY_KEY);
  } catch {
    /* nothing kept */
  }
}

export type JoinErrorKind = 'code' | 'rate_limited' | 'too_long' | 'org_too_long' | 'region' | 'network' | 'http';

export class JoinError extends Error {
  constructor(
    readonly kind: JoinErrorKind,
    readonly status: number | null = null,
  ) {
    super(`join failed: ${kind}${status !== null ? ` (${status})` : ''}`);
    this.name = 'JoinError';
  }
}

/** `POST /api/v1/join`: a new participant with an optional name, municipality and region, and the event's join code. */
export async function join(
  request: { name?: string; code?: string; org?: string; region?: string },
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<Identity> {
  const body: Record<string, string> = {};
  if (request.name?.trim()) body.name = request.name.trim();
  if (request.code?.trim()) body.code = request.code.trim();
  if (request.org?.trim()) body.org = request.org.trim();
  if (request.region?.trim()) body.region = request.region.trim();
  let response: Response;
  try {
    response = await fetchImpl('/api/v1/join', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new JoinError('network');
  }
  if (response.status === 403) throw new JoinError('code', 403);
  if (response.status === 429) throw new JoinError('rate_limited', 429);
  if (!response.ok) {
    const refusal = (await response.json().catch(() => null)) as { error?: unknown; message?: unknown } | null;
    const message = typeof refusal?.message === 'string' ? refusal.message : '';
    // The server names the field it refuses (docs/protocol.md, "Identity").
    const kind: JoinErrorKind =
      refusal?.error === 'too_long'
        ? message.includes('"org"')
          ? 'org_too_long'
          : 'too_long'
        : refusal?.error === 'bad_request' && message.includes('"region"')
          ? 'region'
          : 'http';
    throw new JoinError(kind, response.status);
  }
  const value = (await response.json().catch(() => null)) as Identity | null;
  if (typeof value?.token !== 'string' || typeof value.participant?.id !== 'string') throw new JoinError('http', response.status);
  const { id, name, org, region } = value.participant as { id: string; name?: string | null; org?: unknown; region?: unknown };
  return {
    token: value.token,
    participant: {
      id,
      name: name ?? '',
      ...(typeof org === 'string' ? { org } : {}),
      ...(typeof region === 'string' ? { region } : {}),
      verified: false,
    },
  };
}

/**
 * A delegate's link from the forum's portal: the participant page opened with
 * `#token=…` (a participant's token the portal minted). The token becomes
 * this device's identity, kept like a joined one, and leaves the address bar
 * at once. Returns it, or null when the fragment holds no participant token.
 */
export function takeDelegateToken(loc: Location = location, hist: History = history): Identity | null {
  const params = new URLSearchParams(loc.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (!token) return null;
  params.delete('token');
  const rest = params.toString();
  hist.replaceState(hist.state, '', `${loc.pathname}${loc.search}${rest ? `#${rest}` : ''}`);
  const claims = decodeClaims(token);
  if (typeof claims?.sub !== 'string' || claims.role !== 'participant' || isExpired(token)) return null;
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const org = text(claims.org);
  const region = text(claims.region);
  const identity: Identity = {
    token,
    participant: {
      id: claims.sub,
      name: text(claims.name) ?? '',
      ...(org ? { org } : {}),
      ...(region ? { region } : {}),
      verified: claims.verified !== false,
    },
  };
  saveIdentity(identity);
  return identity;
}
