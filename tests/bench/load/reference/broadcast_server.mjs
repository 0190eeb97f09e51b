// The reference peer of the load benchmarks (docs/benchmarks.md): the
// broadcast loop of the `ws` README ("client broadcast, excluding itself"),
// compression off, nothing else. Whatever one client sends, every other open
// client gets, one message per client, with no batching and no bound on what
// waits in memory for a slow client. The load generator drives it with the
// same publish schedule it gives Veche, so each figure is a ratio measured in
// one run on one machine.
//
//   node broadcast_server.mjs [port]   (port 0 or none: a free one)
//
// Prints "listening on 127.0.0.1:PORT" like `veche serve`; SIGTERM ends it.
import { WebSocketServer, WebSocket } from 'ws';

const port = Number(process.argv[2] ?? 0);
const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false });

wss.on('connection', function connection(ws) {
  ws.on('error', console.error);

  ws.on('message', function message(data, isBinary) {
    wss.clients.forEach(function each(client) {
      if (client !== ws && client.readyState === WebSocket.OPEN) {
        client.send(data, { binary: isBinary });
      }
    });
  });
});

wss.on('listening', () => {
  console.log(`listening on 127.0.0.1:${wss.address().port}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
