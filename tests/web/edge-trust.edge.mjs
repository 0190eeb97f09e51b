// Veche behind nginx believes forwarding headers only from its trusted proxy
// (http.trusted_proxies, contract 7.6): the join limit, metrics.allow_from,
// the Origin check and the log use the client's address and scheme; a client
// that writes X-Forwarded-For or X-Forwarded-Proto itself changes nothing.
// Clients come from different loopback addresses (127.0.0.2, .3, …).
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { freePort, request, runEdgeDemo, startEdgeDemo } from './lib/edge.mjs';
import { check, checkEqual, runTest, step } from './lib/harness.mjs';
import { REPO_ROOT, vecheBin } from './lib/paths.mjs';

const LIMIT = 5;

await runTest('edge-trust.edge: client addresses through nginx, forged headers ignored', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'veche-trust-'));
  await chmod(dir, 0o755); // the fault runs' nginx prefix is inside; its workers run as nobody under root
  const config = join(dir, 'forum.json');
  const demo = JSON.parse(await readFile(join(REPO_ROOT, 'config/demo.json'), 'utf8'));
  demo.limits = { joins_per_minute_per_ip: LIMIT };
  demo.metrics = { allow_from: ['127.0.0.5'] };
  await writeFile(config, JSON.stringify(demo));
  const edge = await step('scripts/edge-demo.sh with a join limit of 5 a minute per address', () => startEdgeDemo({ config }));
  try {
    const viaNginx = (localAddress, headers = {}) =>
      request({ tls: true, ca: edge.ca, port: edge.edgePort, path: '/api/v1/join', method: 'POST', localAddress, body: '{}', headers: { 'Content-Type': 'application/json', ...headers } });
    const direct = (localAddress, path, headers = {}, method = 'GET') =>
      request({ port: edge.originPort, path, method, localAddress, headers, ...(method === 'POST' ? { body: '{}' } : {}) });

    await step('a join flood through nginx from two addresses is limited per address, not per proxy', async () => {
      const statuses = { '127.0.0.2': [], '127.0.0.3': [] };
      for (let i = 0; i < LIMIT + 2; i++) {
        for (const address of Object.keys(statuses)) statuses[address].push((await viaNginx(address)).status);
      }
      const expected = [...Array(LIMIT).fill(200), 429, 429];
      checkEqual(statuses['127.0.0.2'], expected, 'joins from 127.0.0.2');
      checkEqual(statuses['127.0.0.3'], expected, 'joins from 127.0.0.3');
    });

    await step('a client that writes its own X-Forwarded-For through nginx stays limited', async () => {
      const statuses = [];
      for (let i = 0; i < LIMIT + 2; i++) statuses.push((await viaNginx('127.0.0.4', { 'X-Forwarded-For': `198.51.100.${i}` })).status);
      checkEqual(statuses, [...Array(LIMIT).fill(200), 429, 429], 'joins with a forged X-Forwarded-For through nginx');
    });

    await step('a direct client (not a trusted proxy) that sends X-Forwarded-For stays limited', async () => {
      const statuses = [];
      for (let i = 0; i < LIMIT + 2; i++) statuses.push((await direct('127.0.0.6', '/api/v1/join', { 'X-Forwarded-For': `198.51.100.${i}` }, 'POST')).status);
      checkEqual(statuses, [...Array(LIMIT).fill(200), 429, 429], 'direct joins with a forged X-Forwarded-For');
    });

    await step('metrics.allow_from checks the client nginx vouches for, and only nginx may vouch', async () => {
      checkEqual((await direct('127.0.0.1', '/metrics', { 'X-Forwarded-For': '127.0.0.5' })).status, 200, 'the proxy, for 127.0.0.5');
      checkEqual((await direct('127.0.0.1', '/metrics')).status, 403, 'the proxy itself');
      checkEqual((await direct('127.0.0.1', '/metrics', { 'X-Forwarded-For': '127.0.0.9' })).status, 403, 'the proxy, for 127.0.0.9');
      checkEqual((await direct('127.0.0.6', '/metrics', { 'X-Forwarded-For': '127.0.0.5' })).status, 403, 'an untrusted peer claiming 127.0.0.5');
      checkEqual((await direct('127.0.0.5', '/metrics')).status, 200, '127.0.0.5 itself');
    });

    await step('the Origin check sees https through nginx (public_url and self); a forged X-Forwarded-Proto does not count', async () => {
      const other = `127.0.0.1:${edge.edgePort}`;
      checkEqual((await viaNginx('127.0.0.7', { Origin: edge.base })).status, 200, 'Origin = public_url');
      checkEqual((await viaNginx('127.0.0.8', { Host: other, Origin: `https://${other}` })).status, 200, 'Origin = https + Host (self)');
      checkEqual((await viaNginx('127.0.0.8', { Host: other, Origin: `http://${other}` })).status, 403, 'Origin = http + Host through https');
      checkEqual((await viaNginx('127.0.0.7', { Origin: 'https://evil.example' })).status, 403, 'another site');
      const host = `127.0.0.1:${edge.originPort}`;
      checkEqual((await direct('127.0.0.9', '/api/v1/join', { Host: host, Origin: `https://${host}`, 'X-Forwarded-Proto': 'https' }, 'POST')).status, 403, 'direct, https Origin with a forged X-Forwarded-Proto');
      checkEqual((await direct('127.0.0.9', '/api/v1/join', { Host: host, Origin: `http://${host}`, 'X-Forwarded-Proto': 'https' }, 'POST')).status, 200, 'direct, its real http origin');
    });

    await step("the log names the client's address, not the proxy's", async () => {
      const refusals = edge.log().split('\n').filter((l) => l.includes('http refused origin'));
      check(refusals.some((l) => l.includes('remote=127.0.0.7')), `no refusal logged for 127.0.0.7:\n${refusals.join('\n')}`);
      check(!refusals.some((l) => l.includes('remote=127.0.0.1')), `a refusal logged the proxy's address:\n${refusals.join('\n')}`);
    });
  } catch (error) {
    await edge.stop().catch(() => {});
    console.log(`edge-demo.sh output:\n${edge.log()}`);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  await step('SIGTERM stops nginx and veche; nothing is left listening', async () => checkEqual(await edge.stop(), 143, 'exit code of edge-demo.sh'));

  await step('edge-demo.sh refuses a taken port or a missing nginx with one line, and starts nothing', async () => {
    const taken = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => taken.once('listening', r));
    const originPort = await freePort();
    const env = {
      VECHE_BIN: vecheBin(),
      VECHE_EDGE_PORT: String(taken.address().port),
      VECHE_EDGE_HTTP_PORT: String(await freePort()),
      VECHE_ORIGIN_PORT: String(originPort),
      VECHE_EDGE_DIR: join(dir, 'faults'),
    };
    const busy = await runEdgeDemo(['--data', join(dir, 'data')], env);
    taken.close();
    checkEqual(busy.code, 1, 'exit code with the https port taken');
    checkEqual(busy.err, `edge-demo: port ${env.VECHE_EDGE_PORT} is already in use (set VECHE_EDGE_PORT)\n`, 'its message');
    const missing = await runEdgeDemo(['--data', join(dir, 'data')], { ...env, VECHE_EDGE_PORT: String(await freePort()), VECHE_NGINX: join(dir, 'no-nginx') });
    checkEqual(missing.code, 1, 'exit code without nginx');
    checkEqual(missing.err, `edge-demo: nginx is not installed (${join(dir, 'no-nginx')} not found): run scripts/setup.sh\n`, 'its message');
    const probe = await request({ port: originPort, path: '/healthz' }).then(() => 'answered', () => 'nothing');
    checkEqual(probe, 'nothing', 'a veche left on the origin port');
  });
  await rm(dir, { recursive: true, force: true });
});
