import { describe, expect, it } from 'vitest';
import type { Rolldown } from 'vite';
import { shellRoute, type RequestFacts } from '../src/shell/routes';
import { referencedAssets, shellFiles } from '../tools/shell';

const ORIGIN = 'https://forum.example.ru';

function request(path: string, init: { method?: string; mode?: string; headers?: string[] } = {}): RequestFacts {
  const headers = new Set((init.headers ?? []).map((h) => h.toLowerCase()));
  return {
    method: init.method ?? 'GET',
    url: path.startsWith('http') ? path : `${ORIGIN}${path}`,
    mode: init.mode ?? 'cors',
    headers: { has: (name) => headers.has(name.toLowerCase()) },
  };
}

describe('what the service worker answers from its cache', () => {
  it('the participant page itself, network first', () => {
    expect(shellRoute(request('/', { mode: 'navigate' }), ORIGIN)).toBe('page');
    expect(shellRoute(request('/?session=sila-v-lyudyakh', { mode: 'navigate' }), ORIGIN)).toBe('page');
    expect(shellRoute(request('/index.html', { mode: 'navigate' }), ORIGIN)).toBe('page');
  });

  it('the hashed scripts, styles, fonts and icons of the build, cache first', () => {
    for (const path of [
      '/assets/index-BGjZnX4A.js',
      '/assets/hls.light-DiYt8qNU.js',
      '/assets/auth-CTAFggET.css',
      '/assets/golos-text-cyrillic-400-normal-C7us6pn1.woff2',
      '/assets/favicon-ZHHVQk_R.svg',
    ]) {
      expect(shellRoute(request(path), ORIGIN), path).toBe('asset');
    }
  });

  it('never the API, the WebSocket, HLS, replays, metrics, other pages or anything with a token', () => {
    const never: [string, Parameters<typeof request>[1]][] = [
      ['/api/v1/event', {}],
      ['/api/v1/sessions/s1/questions', { headers: ['Authorization'] }],
      ['/api/v1/join', { method: 'POST' }],
      ['/ws', {}],
      ['/hls/main/index.m3u8', {}],
      ['/hls/main/360p/index.m3u8', {}],
      ['/hls/main/1796198537-2.ts', {}],
      ['/vod/s1/index.m3u8', {}],
      ['/metrics', {}],
      ['/healthz', {}],
      ['/sw.js', {}],
      ['/moderator', { mode: 'navigate' }],
      ['/screen?session=s1', { mode: 'navigate' }],
      ['/speaker', { mode: 'navigate' }],
      ['/caption', { mode: 'navigate' }],
      ['/assets/index-BGjZnX4A.js', { headers: ['Authorization'] }],
      ['/assets/index-BGjZnX4A.js?token=abc', {}],
      ['/assets/index-BGjZnX4A.js', { method: 'POST' }],
      ['/assets/index-BGjZnX4A.js', { headers: ['Range'] }],
      ['/assets/unhashed.js', {}],
      ['/assets/data-AbCdEf12.json', {}],
      ['/assets/../api/v1/event-AbCdEf12.js', {}],
      ['https://cdn.example.com/assets/index-BGjZnX4A.js', {}],
      ['/', {}],
    ];
    for (const [path, init] of never) expect(shellRoute(request(path, init), ORIGIN), `${init?.method ?? 'GET'} ${path} ${JSON.stringify(init)}`).toBeNull();
  });
});

describe('the shell the build puts into sw.js', () => {
  const asset = (fileName: string, source: string) => ({ type: 'asset', fileName, source }) as unknown as Rolldown.OutputAsset;

  it('is the page, what its HTML references and the WOFF2 fonts of its styles', () => {
    const html = `<link rel="icon" href="/assets/favicon-AAAAAAAA.svg"><script type="module" src="/assets/index-BBBBBBBB.js"></script>
      <link rel="modulepreload" href="/assets/auth-CCCCCCCC.js"><link rel="stylesheet" href="/assets/auth-DDDDDDDD.css">`;
    const css = `@font-face{src:url(/assets/golos-cyr-EEEEEEEE.woff2) format("woff2")}@font-face{src:url(/assets/golos-lat-FFFFFFFF.woff2)}.x{background:url(/assets/pic-GGGGGGGG.png)}`;
    const bundle = {
      'index.html': asset('index.html', html),
      'assets/auth-DDDDDDDD.css': asset('assets/auth-DDDDDDDD.css', css),
      'moderator.html': asset('moderator.html', '<script src="/assets/moderator-HHHHHHHH.js"></script>'),
    } as unknown as Rolldown.OutputBundle;
    expect(shellFiles(bundle, 'index.html')).toEqual([
      '/assets/favicon-AAAAAAAA.svg',
      '/assets/index-BBBBBBBB.js',
      '/assets/auth-CCCCCCCC.js',
      '/assets/auth-DDDDDDDD.css',
      '/assets/golos-cyr-EEEEEEEE.woff2',
      '/assets/golos-lat-FFFFFFFF.woff2',
    ]);
    expect(() => shellFiles(bundle, 'missing.html')).toThrow(/no page missing.html/);
  });

  it('reads each /assets/ reference once', () => {
    expect(referencedAssets('src="/assets/a-1.js" href="/assets/a-1.js" url(/assets/b-2.css)')).toEqual(['/assets/a-1.js', '/assets/b-2.css']);
  });
});
