/**
 * Twilio has no local emulator, so this is a small local server that answers the parts of Twilio's
 * Messages API we call, in Twilio's documented shapes: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`
 * (form-encoded, HTTP Basic with the account SID and auth token, or an API key SID and secret),
 * `201` with a Message resource, errors as `{code, message, more_info, status}`. The recipients of
 * Twilio's test credentials behave as Twilio documents them (+15005550001 invalid number 21211,
 * +15005550004 unsubscribed 21610, +15005550009 not a mobile number 21614...), and a test can make
 * the next request fail (429, 5xx). It also plays Twilio's side of status callbacks: it posts them to
 * each message's StatusCallback, signed as Twilio signs them (X-Twilio-Signature: base64 of the
 * HMAC-SHA1, keyed with the auth token, of the URL followed by every form field's name and value,
 * sorted by name), computed here by hand so the API's check is tested against an independent
 * implementation, not against the twilio package itself.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentSms {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
  /** The Basic auth user of the request: the account SID or an API key SID. */
  authUser: string;
}

interface TwilioErrorReply {
  status: number;
  code: number;
  message: string;
}

/** One Messages API request as it arrived, whatever the answer: a test counts attempts with it. */
export interface SmsRequest {
  to: string;
  /** The HTTP status this server answered. */
  status: number;
}

/** Twilio's documented test numbers: what the Messages API answers for them. */
const MAGIC_RECIPIENTS: Record<string, TwilioErrorReply> = {
  '+15005550001': { status: 400, code: 21211, message: "The 'To' number +15005550001 is not a valid phone number." },
  '+15005550002': { status: 400, code: 21612, message: "The 'To' phone number: +15005550002, is not currently reachable using the 'From' phone number via SMS." },
  '+15005550003': { status: 400, code: 21408, message: 'Permission to send an SMS has not been enabled for the region indicated by the \'To\' number: +15005550003.' },
  '+15005550004': { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' },
  '+15005550009': { status: 400, code: 21614, message: "'To' number is not a valid mobile number" },
};

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** Twilio's request signature, exactly as Twilio computes it for a form-encoded POST. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

export interface FakeTwilio {
  url: string;
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
  messages: SentSms[];
  /** Every authenticated Messages API request, answered with an error or not. */
  requests: SmsRequest[];
  /** The next Messages API request (to `to` only, when given) answers this error instead. */
  failNext(reply: TwilioErrorReply, options?: { to?: string }): void;
  /** Posts a signed status callback for a message to its StatusCallback, as Twilio does; returns the response. */
  sendStatus(sid: string, status: string, options?: { errorCode?: string; signWith?: string }): Promise<Response>;
  close(): Promise<void>;
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function errorReply(res: ServerResponse, error: TwilioErrorReply): void {
  reply(res, error.status, { code: error.code, message: error.message, more_info: `https://www.twilio.com/docs/errors/${error.code}`, status: error.status });
}

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const accountSid = `AC${hex(16)}`;
  const authToken = hex(16);
  const apiKeySid = `SK${hex(16)}`;
  const apiKeySecret = hex(16);
  const messages: SentSms[] = [];
  const requests: SmsRequest[] = [];
  const failures: { reply: TwilioErrorReply; to?: string }[] = [];
  /** The first queued failure meant for this request, taken off the queue. */
  const takeFailure = (to: string): TwilioErrorReply | undefined => {
    const index = failures.findIndex((f) => f.to === undefined || f.to === to);
    return index < 0 ? undefined : failures.splice(index, 1)[0]?.reply;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) return errorReply(res, { status: 404, code: 20404, message: 'The requested resource was not found' });
      const [user, pass] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8').split(':');
      const authorized = (user === accountSid && pass === authToken) || (user === apiKeySid && pass === apiKeySecret);
      if (!authorized || match[1] !== accountSid) return errorReply(res, { status: 401, code: 20003, message: 'Authenticate' });
      const form = await readForm(req);
      const to = form.get('To') ?? '';
      const refuse = (error: TwilioErrorReply) => {
        requests.push({ to, status: error.status });
        errorReply(res, error);
      };
      const failure = takeFailure(to);
      if (failure) return refuse(failure);
      const magic = MAGIC_RECIPIENTS[to];
      if (magic) return refuse(magic);
      if (!form.get('Body')) return refuse({ status: 400, code: 21602, message: 'Message body is required.' });
      if (!form.get('From') && !form.get('MessagingServiceSid')) return refuse({ status: 400, code: 21603, message: "A 'From' or 'MessagingServiceSid' parameter is required to send a message" });
      const sms: SentSms = {
        sid: `SM${hex(16)}`,
        to,
        from: form.get('From'),
        messagingServiceSid: form.get('MessagingServiceSid'),
        body: form.get('Body') ?? '',
        statusCallback: form.get('StatusCallback'),
        authUser: user ?? '',
      };
      messages.push(sms);
      requests.push({ to, status: 201 });
      const now = new Date().toUTCString();
      reply(res, 201, {
        account_sid: accountSid,
        api_version: '2010-04-01',
        body: sms.body,
        date_created: now,
        date_sent: null,
        date_updated: now,
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from: sms.from,
        messaging_service_sid: sms.messagingServiceSid,
        num_media: '0',
        num_segments: '1',
        price: null,
        price_unit: 'USD',
        sid: sms.sid,
        // With a Messaging Service Twilio first answers `accepted`, then picks a sender and queues it.
        status: sms.messagingServiceSid ? 'accepted' : 'queued',
        subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sms.sid}/Media.json` },
        to: sms.to,
        uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sms.sid}.json`,
      });
    })().catch((error: unknown) => reply(res, 500, { code: 20500, message: String(error), status: 500 }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    accountSid,
    authToken,
    apiKeySid,
    apiKeySecret,
    messages,
    requests,
    failNext: (reply, options = {}) => failures.push({ reply, ...(options.to !== undefined ? { to: options.to } : {}) }),
    async sendStatus(sid, status, options = {}) {
      const sms = messages.find((m) => m.sid === sid);
      if (!sms?.statusCallback) throw new Error(`no message ${sid} with a StatusCallback`);
      const params: Record<string, string> = {
        AccountSid: accountSid,
        ApiVersion: '2010-04-01',
        From: sms.from ?? '+15005550006',
        MessageSid: sid,
        MessageStatus: status,
        SmsSid: sid,
        SmsStatus: status,
        To: sms.to,
        ...(options.errorCode ? { ErrorCode: options.errorCode } : {}),
      };
      return fetch(sms.statusCallback, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          'x-twilio-signature': twilioSignature(options.signWith ?? authToken, sms.statusCallback, params),
          'user-agent': 'TwilioProxy/1.1',
        },
        body: new URLSearchParams(params).toString(),
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
