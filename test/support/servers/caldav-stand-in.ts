/**
 * A small CalDAV server for what Radicale cannot be made to do on purpose: answer slowly, or never.
 * Every REPORT gets an empty multistatus (no meetings) after `delayMs`; a request under `/silent/`
 * gets no answer at all until the client gives up. It counts what the calendar client did to it:
 * requests, the most in flight at once, and the requests abandoned.
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const EMPTY_MULTISTATUS = '<?xml version="1.0" encoding="utf-8"?>\n<multistatus xmlns="DAV:"/>\n';

export interface CalDavStandIn {
  url: string;
  requests: number;
  maxInFlight: number;
  abandoned: number;
  close(): Promise<void>;
}

export async function startCalDavStandIn(options: { delayMs?: number } = {}): Promise<CalDavStandIn> {
  let inFlight = 0;
  const server: Server = createServer((req, res) => {
    standIn.requests++;
    inFlight++;
    standIn.maxInFlight = Math.max(standIn.maxInFlight, inFlight);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight--;
    };
    req.socket.once('close', () => {
      if (!done) standIn.abandoned++;
      finish();
    });
    req.resume();
    if (req.url?.startsWith('/silent/')) return;
    void sleep(options.delayMs ?? 0).then(() => {
      finish();
      res.writeHead(207, { 'content-type': 'application/xml; charset=utf-8' }).end(EMPTY_MULTISTATUS);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const standIn: CalDavStandIn = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: 0,
    maxInFlight: 0,
    abandoned: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return standIn;
}
