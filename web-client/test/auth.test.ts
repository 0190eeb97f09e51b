import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  decodeClaims,
  isExpired,
  join,
  JoinError,
  loadIdentity,
  loadProfile,
  saveIdentity,
  saveProfile,
  STAFF_TOKEN_KEY,
  takeDelegateToken,
  takeStaffToken,
} from '../src/lib/auth';

function jwt(claims: object): string {
  const b64 = (o: object) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(o)))).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.sig`;
}

describe('tokens', () => {
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
  });
  afterEach(() => {
    history.replaceState(null, '', '/');
  });

  it('reads the claims of a JWT, Cyrillic names included', () => {
    const token = jwt({ sub: 'm1', role: 'moderator', name: 'Ведущая', exp: 2_000_000_000, sessions: ['s1'] });
    expect(decodeClaims(token)).toEqual({ sub: 'm1', role: 'moderator', name: 'Ведущая', exp: 2_000_000_000, sessions: ['s1'] });
    expect(decodeClaims('garbage')).toBeNull();
    expect(isExpired(token, 1_000)).toBe(false);
    expect(isExpired(token, 2_000_000_000_000)).toBe(true);
  });

  it('takes the staff token from the fragment, keeps it for the tab and clears the address bar', () => {
    history.replaceState(null, '', '/moderator?session=s1#token=abc.def.ghi');
    expect(takeStaffToken()).toBe('abc.def.ghi');
    expect(location.hash).toBe('');
    expect(location.search).toBe('?session=s1');
    expect(sessionStorage.getItem(STAFF_TOKEN_KEY)).toBe('abc.def.ghi');
    // a reload finds it in sessionStorage
    expect(takeStaffToken()).toBe('abc.def.ghi');
  });

  it("takes a delegate's portal link as this device's identity, verified unless the token says otherwise", () => {
    const token = jwt({ sub: 'd1', role: 'participant', name: 'Ирина', org: 'Бежецкий округ', region: 'Тверская область', exp: 4_000_000_000 });
    history.replaceState(null, '', `/?session=s1#token=${token}`);
    const identity = { token, participant: { id: 'd1', name: 'Ирина', org: 'Бежецкий округ', region: 'Тверская область', verified: true } };
    expect(takeDelegateToken()).toEqual(identity);
    expect(location.hash).toBe('');
    expect(location.search).toBe('?session=s1');
    expect(loadIdentity()).toEqual(identity);
    expect(takeDelegateToken()).toBeNull(); // nothing in the address any more; the kept one stays
    expect(loadIdentity()).toEqual(identity);

    const declared = jwt({ sub: 'p2', role: 'participant', exp: 4_000_000_000, verified: false });
    history.replaceState(null, '', `/#token=${declared}`);
    expect(takeDelegateToken()?.participant).toEqual({ id: 'p2', name: '', verified: false });
    // A staff token or an expired one is not a delegate's: dropped from the address, nothing kept.
    for (const other of [jwt({ sub: 'm', role: 'moderator', exp: 4_000_000_000 }), jwt({ sub: 'p3', role: 'participant', exp: 1 })]) {
      history.replaceState(null, '', `/#token=${other}`);
      expect(takeDelegateToken()).toBeNull();
      expect(location.hash).toBe('');
    }
    expect(loadIdentity()?.participant.id).toBe('p2');
  });

  it('keeps the participant identity across reloads', () => {
    expect(loadIdentity()).toBeNull();
    saveIdentity({ token: 't', participant: { id: 'p1', name: 'Анна' } });
    expect(loadIdentity()).toEqual({ token: 't', participant: { id: 'p1', name: 'Анна' } });
    localStorage.setItem('veche.participant', '{broken');
    expect(loadIdentity()).toBeNull();
  });
});

describe('join', () => {
  const answer = (status: number, body: unknown) =>
    vi.fn<typeof fetch>(async () => new Response(JSON.stringify(body), { status }));

  it('posts the trimmed name and code and returns the identity', async () => {
    const f = answer(200, { token: 'tok', participant: { id: 'p1', name: 'Анна' } });
    await expect(join({ name: '  Анна ', code: ' 1234 ' }, f)).resolves.toEqual({
      token: 'tok',
      participant: { id: 'p1', name: 'Анна', verified: false },
    });
    const [url, init] = f.mock.calls[0]!;
    expect(url).toBe('/api/v1/join');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ name: 'Анна', code: '1234' });
  });

  it('sends an empty object for an anonymous join', async () => {
    const f = answer(200, { token: 'tok', participant: { id: 'p1', name: '' } });
    await join({ name: '   ' }, f);
    expect(JSON.parse(String(f.mock.calls[0]![1]?.body))).toEqual({});
  });

  it('tells a wrong code, rate limiting and network failures apart', async () => {
    await expect(join({}, answer(403, {}))).rejects.toMatchObject({ kind: 'code' });
    await expect(join({}, answer(429, {}))).rejects.toMatchObject({ kind: 'rate_limited' });
    await expect(join({}, answer(400, { error: 'too_long' }))).rejects.toMatchObject({ kind: 'too_long' });
    await expect(join({}, vi.fn<typeof fetch>(async () => Promise.reject(new TypeError('down'))))).rejects.toBeInstanceOf(JoinError);
  });

  it('sends municipality and region and keeps what the server made of them', async () => {
    const f = answer(200, {
      token: 'tok',
      participant: { id: 'p1', name: null, org: 'Бежецкий округ', region: 'Тверская область', verified: false },
    });
    await expect(join({ org: ' Бежецкий округ ', region: 'тверская область ' }, f)).resolves.toEqual({
      token: 'tok',
      participant: { id: 'p1', name: '', org: 'Бежецкий округ', region: 'Тверская область', verified: false },
    });
    expect(JSON.parse(String(f.mock.calls[0]![1]?.body))).toEqual({ org: 'Бежецкий округ', region: 'тверская область' });
  });

  it('tells which field the server refused', async () => {
    const refused = (error: string, message: string) => answer(400, { error, message });
    await expect(join({ region: 'Нарния' }, refused('bad_request', '"region" is not one of the event\'s regions'))).rejects.toMatchObject({
      kind: 'region',
    });
    await expect(join({}, refused('too_long', '"org" is longer than 200 characters'))).rejects.toMatchObject({ kind: 'org_too_long' });
    await expect(join({}, refused('bad_request', 'The body must be a JSON object'))).rejects.toMatchObject({ kind: 'http' });
  });
});

describe('the join form remembers', () => {
  beforeEach(() => localStorage.clear());

  it('the name, municipality and region, for the next join', () => {
    expect(loadProfile()).toEqual({ name: '', org: '', region: '' });
    saveProfile({ name: 'Анна', org: 'Бежецкий округ', region: 'Тверская область' });
    expect(loadProfile()).toEqual({ name: 'Анна', org: 'Бежецкий округ', region: 'Тверская область' });
    localStorage.setItem('veche.profile', '{"name":5}');
    expect(loadProfile()).toEqual({ name: '', org: '', region: '' });
  });
});
