// scripts/edge-demo.sh as the edge tests use it: Debian's nginx with
// deploy/nginx/veche.conf in front of `veche serve`, on free loopback ports,
// with its own prefix and data directory in a temp folder; and an HTTPS
// client that trusts exactly the demo's self-signed certificate.
import { spawn } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, vecheBin } from './paths.mjs';

const READY = /edge-demo: open https:\/\/localhost:(\d+)/;

/** A port nobody listens on right now (the kernel's pick, released at once). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Is anything accepting connections on 127.0.0.1:port? */
export function listening(port) {
  return new Promise((resolveOpen) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolveOpen(true);
    });
    socket.once('error', () => resolveOpen(false));
  });
}

/** Runs scripts/edge-demo.sh to completion (for its failures); resolves {code, out}. */
export function runEdgeDemo(args, env, timeoutMs = 20_000) {
  return new Promise((resolveRun) => {
    const child = spawn('scripts/edge-demo.sh', args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, out, err });
    });
  });
}

/**
 * Starts the edge demo and waits for it to say where it serves.
 * @param {{ config?: string, startTimeoutMs?: number }} [options]
 */
export async function startEdgeDemo(options = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'veche-edge-'));
  // nginx's workers run as nobody when the tests run as root: they must reach the prefix inside.
  await chmod(dir, 0o755);
  const [edgePort, httpPort, originPort] = [await freePort(), await freePort(), await freePort()];
  const env = {
    ...process.env,
    VECHE_BIN: vecheBin(),
    VECHE_EDGE_PORT: String(edgePort),
    VECHE_EDGE_HTTP_PORT: String(httpPort),
    VECHE_ORIGIN_PORT: String(originPort),
    VECHE_EDGE_DIR: join(dir, 'nginx'),
  };
  const args = ['--data', join(dir, 'data'), ...(options.config ? ['--config', options.config] : [])];
  const child = spawn('scripts/edge-demo.sh', args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolveExit) => child.on('exit', (code, signal) => resolveExit({ code, signal })));
  await new Promise((resolveReady, reject) => {
    const timeoutMs = options.startTimeoutMs ?? 30_000;
    const timer = setTimeout(() => reject(new Error(`edge-demo.sh did not get ready within ${timeoutMs} ms\n${output}`)), timeoutMs);
    const onData = (chunk) => {
      output += chunk.toString('utf8');
      if (READY.test(output)) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`edge-demo.sh exited before it was ready (code ${code}, signal ${signal})\n${output}`));
    });
  }).catch(async (error) => {
    child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
    throw error;
  });

  const nginxDir = join(dir, 'nginx');
  const ca = readFileSync(join(nginxDir, 'localhost.crt'));
  let stopped = null;
  return {
    base: `https://localhost:${edgePort}`,
    origin: `http://127.0.0.1:${originPort}`,
    edgePort,
    httpPort,
    originPort,
    ca,
    log: () => output,
    /** Reads a file of nginx's prefix (access.log, error.log). */
    nginxFile: (name) => readFileSync(join(nginxDir, name), 'utf8'),
    /** SIGTERM, as Ctrl+C would; resolves the script's exit code once it and both servers are gone. */
    stop: (timeoutMs = 15_000) =>
      (stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const outcome = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), timeoutMs))]);
        if (outcome === null) {
          child.kill('SIGKILL');
          throw new Error(`edge-demo.sh did not stop within ${timeoutMs} ms of SIGTERM\n${output}`);
        }
        const left = [];
        for (const port of [edgePort, httpPort, originPort]) if (await listening(port)) left.push(port);
        const pidFile = existsSync(join(nginxDir, 'nginx.pid'));
        await rm(dir, { recursive: true, force: true });
        if (left.length > 0) throw new Error(`after edge-demo.sh stopped, something still listens on ${left.join(', ')}`);
        if (pidFile) throw new Error('after edge-demo.sh stopped, nginx left its pid file (it did not exit cleanly)');
        return outcome.code;
      })()),
  };
}

/**
 * Chromium's switch that trusts exactly the demo's self-signed certificate,
 * by the hash of its public key, as a browser trusts a CA-signed one: unlike
 * ignored certificate errors, it lets the page register its service worker.
 */
export function trustCertificate(ca) {
  const spki = new X509Certificate(ca).publicKey.export({ type: 'spki', format: 'der' });
  return [`--ignore-certificate-errors-spki-list=${createHash('sha256').update(spki).digest('base64')}`];
}

/**
 * One request; resolves {status, headers, body: Buffer}. `tls` requests go to
 * 127.0.0.1 with SNI and Host localhost and trust only the demo certificate.
 * @param {{ port: number, path: string, method?: string, headers?: object, body?: string, tls?: boolean, ca?: Buffer, localAddress?: string, agent?: object }} o
 */
export function request(o) {
  const lib = o.tls ? https : http;
  return new Promise((resolveResponse, reject) => {
    const req = lib.request(
      {
        host: '127.0.0.1',
        port: o.port,
        path: o.path,
        method: o.method ?? 'GET',
        headers: { ...(o.tls ? { Host: `localhost:${o.port}` } : {}), ...(o.headers ?? {}) },
        localAddress: o.localAddress,
        agent: o.agent ?? false, // a connection per request unless told otherwise
        ...(o.tls ? { servername: 'localhost', ca: o.ca } : {}),
        timeout: 15_000,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolveResponse({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer to ${o.method ?? 'GET'} ${o.path} within 15 s`)));
    req.on('error', reject);
    if (o.body !== undefined) req.end(o.body);
    else req.end();
  });
}

/** The value of one series on the origin's /metrics (0 when absent). */
export async function originMetric(edge, series) {
  const res = await request({ port: edge.originPort, path: '/metrics' });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  const line = res.body
    .toString('utf8')
    .split('\n')
    .find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}
