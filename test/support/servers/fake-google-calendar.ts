/**
 * A small local stand-in for Google: Google Calendar has no local emulator, so this answers the
 * documented shapes of Calendar API v3 (events insert / get / patch / delete, freeBusy.query) and of
 * Google's OAuth 2.0 token endpoint for service accounts (the JWT-bearer grant), and checks what a real
 * Google checks that matters here: the assertion's signature and claims, and the bearer token on every
 * call. Errors come in Google's JSON error shape. Tests can queue failures (`failNext`).
 */
import { createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeGoogleEvent {
  id: string;
  status: 'confirmed' | 'cancelled';
  summary?: string;
  description?: string;
  start: { dateTime: string; timeZone?: string };
  end: { dateTime: string; timeZone?: string };
  attendees?: { email: string; displayName?: string }[];
  extendedProperties?: { private?: Record<string, string> };
  sequence: number;
}

export interface ForcedFailure {
  status: number;
  reason: string;
  message?: string;
  headers?: Record<string, string>;
}

export interface FakeGoogle {
  url: string;
  /** A service account key file's content whose key this server trusts. */
  serviceAccountKey: Record<string, string>;
  /** Events by calendar id, then event id. */
  calendars: Map<string, Map<string, FakeGoogleEvent>>;
  /** Busy blocks of meetings made outside the product, by calendar id. */
  foreignBusy: Map<string, { start: string; end: string }[]>;
  tokenRequests: { sub?: string; scope: string; aud: string }[];
  /** Every API call as "METHOD path". */
  calls: string[];
  failNext(failure: ForcedFailure): void;
  close(): Promise<void>;
}

const GOOGLE_EVENT_ID = /^[a-v0-9]{5,1024}$/;

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

function googleError(res: ServerResponse, status: number, reason: string, message: string, headers: Record<string, string> = {}): void {
  send(res, status, { error: { code: status, message, errors: [{ domain: 'global', reason, message }] } }, headers);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeGoogle(): Promise<FakeGoogle> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const tokens = new Set<string>();
  const failures: ForcedFailure[] = [];
  const calendars = new Map<string, Map<string, FakeGoogleEvent>>();
  const foreignBusy = new Map<string, { start: string; end: string }[]>();
  const tokenRequests: FakeGoogle['tokenRequests'] = [];
  const calls: string[] = [];
  let url = '';

  const eventsOf = (calendarId: string) => {
    let events = calendars.get(calendarId);
    if (!events) calendars.set(calendarId, (events = new Map()));
    return events;
  };

  const token = async (req: IncomingMessage, res: ServerResponse) => {
    const form = new URLSearchParams(await readBody(req));
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return send(res, 400, { error: 'unsupported_grant_type' });
    const [header, claims, signature] = (form.get('assertion') ?? '').split('.');
    const verified = header && claims && signature && createVerify('RSA-SHA256').update(`${header}.${claims}`).verify(publicKey, Buffer.from(signature, 'base64url'));
    if (!verified) return send(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    const c = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { iss: string; sub?: string; scope: string; aud: string; exp: number };
    if (c.iss !== 'bookings@example-project.iam.gserviceaccount.com') return send(res, 401, { error: 'invalid_client' });
    if (c.aud !== `${url}/token`) return send(res, 400, { error: 'invalid_grant', error_description: `Invalid JWT: aud ${c.aud}` });
    if (c.sub === 'stranger@example.com') return send(res, 401, { error: 'unauthorized_client', error_description: 'Client is unauthorized to retrieve access tokens using this method.' });
    tokenRequests.push({ ...(c.sub ? { sub: c.sub } : {}), scope: c.scope, aud: c.aud });
    const issued = `ya29.${randomBytes(16).toString('hex')}`;
    tokens.add(issued);
    send(res, 200, { access_token: issued, expires_in: 3599, token_type: 'Bearer' });
  };

  const api = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !tokens.has(bearer)) return googleError(res, 401, 'authError', 'Request had invalid authentication credentials.');
    const forced = failures.shift();
    if (forced) return googleError(res, forced.status, forced.reason, forced.message ?? forced.reason, forced.headers);

    if (req.method === 'POST' && path === '/calendar/v3/freeBusy') {
      const body = JSON.parse(await readBody(req)) as { timeMin: string; timeMax: string; items: { id: string }[] };
      const min = Date.parse(body.timeMin);
      const max = Date.parse(body.timeMax);
      const answer: Record<string, unknown> = {};
      for (const { id } of body.items) {
        if (id === 'not-shared@example.com') {
          answer[id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
          continue;
        }
        const own = [...eventsOf(id).values()].filter((e) => e.status === 'confirmed').map((e) => ({ start: e.start.dateTime, end: e.end.dateTime }));
        const busy = [...own, ...(foreignBusy.get(id) ?? [])]
          .filter((b) => Date.parse(b.start) < max && min < Date.parse(b.end))
          .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
          .map((b) => ({ start: new Date(b.start).toISOString(), end: new Date(b.end).toISOString() }));
        answer[id] = { busy };
      }
      return send(res, 200, { kind: 'calendar#freeBusy', timeMin: body.timeMin, timeMax: body.timeMax, calendars: answer });
    }

    const match = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(path);
    if (!match) return googleError(res, 404, 'notFound', 'Not Found');
    const events = eventsOf(decodeURIComponent(match[1] as string));
    const eventId = match[2] ? decodeURIComponent(match[2]) : undefined;

    if (req.method === 'POST' && !eventId) {
      const body = JSON.parse(await readBody(req)) as Partial<FakeGoogleEvent> & { id?: string };
      if (!body.id || !GOOGLE_EVENT_ID.test(body.id)) return googleError(res, 400, 'invalid', 'Invalid resource id value.');
      if (events.has(body.id)) return googleError(res, 409, 'duplicate', 'The requested identifier already exists.');
      const event: FakeGoogleEvent = { ...(body as FakeGoogleEvent), id: body.id, status: 'confirmed', sequence: 0 };
      events.set(body.id, event);
      return send(res, 200, { kind: 'calendar#event', ...event });
    }
    const event = eventId ? events.get(eventId) : undefined;
    if (!event) return googleError(res, 404, 'notFound', 'Not Found');
    if (req.method === 'GET') return send(res, 200, { kind: 'calendar#event', ...event });
    if (req.method === 'PATCH') {
      const body = JSON.parse(await readBody(req)) as Partial<FakeGoogleEvent>;
      Object.assign(event, body, { sequence: event.sequence + 1 });
      return send(res, 200, { kind: 'calendar#event', ...event });
    }
    if (req.method === 'DELETE') {
      if (event.status === 'cancelled') return googleError(res, 410, 'deleted', 'Resource has been deleted');
      event.status = 'cancelled';
      res.writeHead(204).end();
      return;
    }
    googleError(res, 405, 'methodNotAllowed', 'Method not allowed');
  };

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    calls.push(`${req.method} ${path}`);
    const handle = path === '/token' ? token(req, res) : api(req, res, path);
    handle.catch((error: unknown) => googleError(res, 500, 'backendError', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    serviceAccountKey: {
      type: 'service_account',
      project_id: 'example-project',
      private_key_id: 'key-1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: 'bookings@example-project.iam.gserviceaccount.com',
      client_id: '1234567890',
      // As in a real key file: Google's endpoint, which GOOGLE_API_URL must override.
      token_uri: 'https://oauth2.googleapis.com/token',
    },
    calendars,
    foreignBusy,
    tokenRequests,
    calls,
    failNext: (failure) => failures.push(failure),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
