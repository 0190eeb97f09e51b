// WebSocket clients of the real server, as the moderator's, the captioner's
// and the participants' pages use it (hello, subscribe, requests answered by
// rid), run inside a browser page of the server's origin, so that the server
// sees an allowed Origin. One page holds every client, by name.
export async function openWire(browser, base) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/healthz`);
  await page.evaluate(() => {
    const clients = new Map();
    let rid = 0;
    window.__wire = {
      /** Says hello with the token; with a session, subscribes and keeps every event it gets. */
      connect: (name, token, session) =>
        new Promise((resolve, reject) => {
          const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws`);
          const client = { ws, pending: new Map(), events: [] };
          clients.set(name, client);
          const timer = setTimeout(() => reject(new Error(`${name}: no welcome within 10 s`)), 10_000);
          ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', token }));
          ws.onerror = () => reject(new Error(`${name}: the WebSocket failed`));
          ws.onmessage = (e) => {
            const message = JSON.parse(e.data);
            const items = message.type === 'batch' ? message.items : [message];
            for (const m of items) {
              if (m.type === 'event') client.events.push(m);
              if (m.type === 'welcome' && !session) {
                clearTimeout(timer);
                resolve();
              } else if (m.type === 'welcome') {
                ws.send(JSON.stringify({ type: 'subscribe', session }));
              } else if (m.type === 'snapshot') {
                clearTimeout(timer);
                resolve();
              }
              const waiter = m.rid && client.pending.get(m.rid);
              if (!waiter) continue;
              client.pending.delete(m.rid);
              if (m.type === 'ack') waiter.ok(m);
              else waiter.fail(new Error(`${name} ${waiter.type}: ${m.code}: ${m.message}`));
            }
          };
        }),
      /** Sends a request; resolves with its ack, rejects with the server's refusal. */
      request: (name, message) =>
        new Promise((ok, fail) => {
          const client = clients.get(name);
          const id = `wire-${++rid}`;
          client.pending.set(id, { ok, fail, type: message.type });
          client.ws.send(JSON.stringify({ ...message, rid: id }));
          setTimeout(() => fail(new Error(`${name} ${message.type}: no answer within 10 s`)), 10_000);
        }),
      events: (name) => clients.get(name).events,
    };
  });
  return {
    connect: (name, token, session) => page.evaluate(([n, t, s]) => window.__wire.connect(n, t, s), [name, token, session ?? null]),
    request: (name, message) => page.evaluate(([n, m]) => window.__wire.request(n, m), [name, message]),
    events: (name) => page.evaluate((n) => window.__wire.events(n), name),
    close: () => context.close(),
  };
}
