/**
 * Defect 7: a paid local checkout always reaches its booking. Paying queues the webhook in the same
 * transaction, and the outbox keeps delivering it through API restarts, 503s, a receiver that is
 * down and a database outage. Against the run's PostgreSQL and small local HTTP receivers.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { startApiServer, type RunningApiServer } from '../../src/api/server';
import { configSchema } from '../../src/config/config.schema';
import { createDb } from '../../src/db/connection';
import type { Database } from '../../src/db/schema';
import { createLogger, type Logger } from '../../src/logging/logger';
import { buildProviders } from '../../src/providers/build-providers';
import { declineLocalCheckout, payLocalCheckout } from '../../src/providers/payments/local/local-checkout-completion';
import { LocalPaymentProvider } from '../../src/providers/payments/local/local-payment-provider';
import { localWebhookUrl } from '../../src/providers/payments/local/local-webhook-delivery';
import { createLocalWebhookDispatcher, type DispatcherOptions } from '../../src/providers/payments/local/local-webhook-dispatcher';
import type { LocalWebhookEvent } from '../../src/providers/payments/local/local-webhook-event';
import { claimDueLocalWebhooks, enqueueLocalWebhook } from '../../src/providers/payments/local/local-webhook-outbox.repository';
import { startTcpProxy } from '../support/tcp-proxy';
import { freePort, testEnv } from '../support/test-env';
import { startWebhookReceiver } from '../support/webhook-receiver';

const RUN = randomBytes(4).toString('hex');
const unique = () => randomBytes(5).toString('hex');
/** Every booking id here starts so, and `after` removes this file's outbox rows, so no other test ever meets them. */
const bookingId = () => `bk_outbox_${RUN}_${unique()}`;
const secret = randomBytes(24).toString('base64url');
const quiet = createLogger('error');
/** The dispatchers tested directly leave other files' rows alone, however overdue. */
const NEVER_ADOPT = 3_600_000;

let db: Kysely<Database>;
let provider: LocalPaymentProvider;

async function openSession(): Promise<{ bookingId: string; sessionId: string }> {
  const id = bookingId();
  const { sessionId } = await provider.createCheckout({
    bookingId: id,
    idempotencyKey: `${id}:payment:r0`,
    amountCents: 7500,
    currency: 'EUR',
    description: 'Consultation with Alex',
    customerEmail: 'jane@example.com',
    expiresAt: new Date(Date.now() + 30 * 60_000),
  });
  return { bookingId: id, sessionId };
}

const anEvent = (): LocalWebhookEvent => ({
  id: `evt_${unique()}`,
  type: 'payment.succeeded',
  created: Math.floor(Date.now() / 1000),
  data: { sessionId: `lcs_${unique()}`, bookingId: bookingId(), paymentId: `lpay_${unique()}`, amountCents: 7500, currency: 'EUR' },
});

const outboxRowsOf = (booking: string) => db.selectFrom('local_webhook_outbox').selectAll().where('booking_id', '=', booking).execute();
const sessionOf = (id: string) => db.selectFrom('local_payment_sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await sleep(50);
  }
  assert.fail(`timed out after ${timeoutMs} ms waiting for: ${what}`);
}

function recordingLogger(): { logger: Logger; lines: () => { level: string; msg: string }[] } {
  const written: string[] = [];
  const logger = createLogger('debug', {}, (line) => written.push(line) > 0);
  return { logger, lines: () => written.map((line) => JSON.parse(line) as { level: string; msg: string }) };
}

/** The API as `npm run api` runs it (dispatcher included), with its public URL where the test says. */
async function startApi(publicBaseUrl: string, logger: Logger = quiet): Promise<RunningApiServer> {
  const config = configSchema.parse({
    HOST: '127.0.0.1',
    PORT: '0',
    PUBLIC_BASE_URL: publicBaseUrl,
    ADMIN_API_KEY: randomBytes(16).toString('hex'),
    BOOKING_TOKEN_SECRET: randomBytes(16).toString('hex'),
    LOCAL_WEBHOOK_SECRET: secret,
    RATE_LIMIT_PER_MINUTE: '0',
  });
  // The receiver stands in for the webhook route, so Temporal is never called: a client to nowhere will do.
  const temporal = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}` }) });
  return startApiServer({ config, db, temporal, providers: buildProviders(config, db, logger), logger });
}

async function payOverHttp(api: RunningApiServer, sessionId: string): Promise<{ status: string; paymentId: string; webhookDelivered: boolean }> {
  const res = await fetch(`${api.url}/local-checkout/${sessionId}/pay`, { method: 'POST', headers: { accept: 'application/json' } });
  assert.equal(res.status, 200);
  return (await res.json()) as { status: string; paymentId: string; webhookDelivered: boolean };
}

before(() => {
  db = createDb(testEnv().databaseUrl);
  provider = new LocalPaymentProvider({ db, publicBaseUrl: 'http://pay.example.test' });
});

after(async () => {
  await db?.deleteFrom('local_webhook_outbox').where('booking_id', 'like', `bk_outbox_${RUN}_%`).execute();
  await db?.destroy();
});

describe('paying or declining a local checkout', () => {
  const endpointUrl = 'http://outbox-test.invalid/v1/webhooks/local';

  it('queues the payment event in the transaction that marks the session paid', async () => {
    const { bookingId: booking, sessionId } = await openSession();
    const paid = await payLocalCheckout(db, { sessionId, paymentId: `lpay_${unique()}`, eventId: `evt_${unique()}`, now: new Date(), endpointUrl });
    assert.ok(paid);

    assert.equal((await sessionOf(sessionId)).status, 'paid');
    const [row, ...others] = await outboxRowsOf(booking);
    assert.equal(others.length, 0);
    assert.equal(row?.status, 'pending');
    assert.equal(row?.event_id, paid.event.id);
    assert.equal(row?.endpoint_url, endpointUrl);
    assert.deepEqual(row?.payload, paid.event);
    assert.deepEqual(paid.event.data, { sessionId, bookingId: booking, paymentId: paid.session.payment_id, amountCents: 7500, currency: 'EUR' });
  });

  it('leaves the session open and unpaid when its event cannot be queued', async () => {
    const first = await openSession();
    const second = await openSession();
    const eventId = `evt_${unique()}`;
    assert.ok(await payLocalCheckout(db, { sessionId: first.sessionId, paymentId: `lpay_${unique()}`, eventId, now: new Date(), endpointUrl }));

    // The same event id cannot be queued twice: the payment of the second session must roll back with it.
    await assert.rejects(payLocalCheckout(db, { sessionId: second.sessionId, paymentId: `lpay_${unique()}`, eventId, now: new Date(), endpointUrl }));
    const session = await sessionOf(second.sessionId);
    assert.equal(session.status, 'open');
    assert.equal(session.payment_id, null);
    assert.deepEqual(await outboxRowsOf(second.bookingId), []);

    await assert.rejects(declineLocalCheckout(db, { sessionId: second.sessionId, eventId, now: new Date(), endpointUrl }));
    assert.equal((await sessionOf(second.sessionId)).declined_attempts, 0);
  });

  it('queues a decline with its reason, and takes neither a payment nor a decline on a paid session', async () => {
    const { bookingId: booking, sessionId } = await openSession();
    const declined = await declineLocalCheckout(db, { sessionId, eventId: `evt_${unique()}`, now: new Date(), endpointUrl });
    assert.equal(declined?.session.declined_attempts, 1);
    assert.deepEqual(declined?.event.data, { sessionId, bookingId: booking, paymentId: null, amountCents: 7500, currency: 'EUR', reason: 'card_declined' });

    assert.ok(await payLocalCheckout(db, { sessionId, paymentId: `lpay_${unique()}`, eventId: `evt_${unique()}`, now: new Date(), endpointUrl }));
    assert.equal(await payLocalCheckout(db, { sessionId, paymentId: `lpay_${unique()}`, eventId: `evt_${unique()}`, now: new Date(), endpointUrl }), null);
    assert.equal(await declineLocalCheckout(db, { sessionId, eventId: `evt_${unique()}`, now: new Date(), endpointUrl }), null);
    assert.deepEqual((await outboxRowsOf(booking)).map((r) => r.event_type).sort(), ['payment.failed', 'payment.succeeded']);
  });
});

describe('claiming the outbox from several API replicas', () => {
  it('gives each due row to one claimer, and a second claimer skips locked rows instead of waiting', async () => {
    const endpointUrl = `http://claims-${unique()}.test/v1/webhooks/local`;
    const queued = [anEvent(), anEvent(), anEvent()];
    for (const event of queued) await enqueueLocalWebhook(db, event, { endpointUrl });
    const options = (limit: number) => ({ endpointUrl, limit, leaseMs: 60_000, adoptAfterMs: NEVER_ADOPT });
    const replica = createDb(testEnv().databaseUrl, { max: 1 });
    try {
      await db.transaction().execute(async (trx) => {
        const first = await claimDueLocalWebhooks(trx, options(2));
        // The first claim's row locks are held until this transaction ends: the replica must skip them.
        const second = await claimDueLocalWebhooks(replica, options(10));
        assert.equal(first.length, 2);
        assert.equal(second.length, 1);
        const ids = [...first, ...second].map((r) => r.event_id).sort();
        assert.deepEqual(ids, queued.map((e) => e.id).sort());
        assert.ok([...first, ...second].every((r) => r.attempts === 1));
      });
      // Claimed rows are leased: nobody takes them again until the lease ends.
      assert.deepEqual(await claimDueLocalWebhooks(replica, options(10)), []);
    } finally {
      await replica.destroy();
    }
  });

  it('leaves rows for another API alone, unless nobody has delivered them long past their time', async () => {
    const mine = `http://mine-${unique()}.test/v1/webhooks/local`;
    const gone = `http://gone-${unique()}.test/v1/webhooks/local`;
    const [fresh, abandoned] = [anEvent(), anEvent()];
    await enqueueLocalWebhook(db, fresh, { endpointUrl: gone });
    await enqueueLocalWebhook(db, abandoned, { endpointUrl: gone });
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
    await db.updateTable('local_webhook_outbox').set({ next_attempt_at: tenDaysAgo }).where('event_id', '=', abandoned.id).execute();

    // Nine days, so that only this test's row is old enough, whatever else the shared database holds.
    const claimed = await claimDueLocalWebhooks(db, { endpointUrl: mine, limit: 10, leaseMs: 60_000, adoptAfterMs: 9 * 86_400_000 });
    assert.deepEqual(claimed.map((r) => [r.event_id, r.endpoint_url]), [[abandoned.id, mine]]);
  });

  it('delivers every event exactly once while two dispatchers run side by side', async () => {
    const receiver = await startWebhookReceiver({ secret, delayMs: 10 });
    const endpointUrl = localWebhookUrl(receiver.baseUrl);
    const queued = Array.from({ length: 30 }, anEvent);
    for (const event of queued) await enqueueLocalWebhook(db, event, { endpointUrl });
    const pools = [createDb(testEnv().databaseUrl, { max: 2 }), createDb(testEnv().databaseUrl, { max: 2 })];
    const dispatchers = pools.map((pool) =>
      createLocalWebhookDispatcher({ db: pool, secret, logger: quiet, endpointUrl, batchSize: 5, pollIntervalMs: 20, adoptAfterMs: NEVER_ADOPT }),
    );
    try {
      for (const dispatcher of dispatchers) dispatcher.start();
      await until('all 30 events delivered', async () => {
        const rows = await db.selectFrom('local_webhook_outbox').select(['status']).where('event_id', 'in', queued.map((e) => e.id)).execute();
        return rows.every((r) => r.status === 'delivered');
      });
      for (const event of queued) assert.equal(receiver.hitsOf(event.id).length, 1, `event ${event.id} delivered once`);
      assert.ok(receiver.received.every((r) => r.signatureValid));
    } finally {
      await Promise.all(dispatchers.map((d) => d.stop()));
      await Promise.all(pools.map((pool) => pool.destroy()));
      await receiver.close();
    }
  });
});

describe('delivering a paid checkout through the API', () => {
  it('keeps delivering after the API answered 503 three times, and the booking gets the event once', async () => {
    const receiver = await startWebhookReceiver({ secret, answer: (_event, hit) => (hit <= 3 ? 503 : 200) });
    const { logger, lines } = recordingLogger();
    const api = await startApi(receiver.baseUrl, logger);
    try {
      const { bookingId: booking, sessionId } = await openSession();
      const answer = await payOverHttp(api, sessionId);
      assert.equal(answer.status, 'paid');
      assert.equal(answer.webhookDelivered, false, 'the first attempt met a 503: queued, not delivered');

      const [row] = await until('the event delivered', async () => {
        const rows = await outboxRowsOf(booking);
        return rows[0]?.status === 'delivered' ? rows : null;
      });
      assert.equal(row?.attempts, 4);
      assert.equal(row?.last_error, null);
      assert.ok(row?.delivered_at);
      const hits = receiver.hitsOf(row.event_id);
      assert.deepEqual(hits.map((h) => h.answered), [503, 503, 503, 200]);
      assert.ok(hits.every((h) => h.signatureValid), 'every attempt is freshly signed');
      assert.deepEqual(hits[3]?.event.data, { sessionId, bookingId: booking, paymentId: answer.paymentId, amountCents: 7500, currency: 'EUR' });
      assert.ok(lines().some((l) => l.level === 'warn' && l.msg.startsWith('local webhook not delivered yet')));
    } finally {
      await api.close();
      await receiver.close();
    }
  });

  it('keeps a payment queued while nobody answers, and delivers it once the receiver is up', async () => {
    const port = await freePort();
    const api = await startApi(`http://127.0.0.1:${port}`);
    let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
    try {
      const { bookingId: booking, sessionId } = await openSession();
      assert.equal((await payOverHttp(api, sessionId)).webhookDelivered, false);

      const waiting = await until('three refused attempts', async () => {
        const [row] = await outboxRowsOf(booking);
        return row && row.attempts >= 3 ? row : null;
      });
      assert.equal(waiting.status, 'pending');
      assert.match(waiting.last_error ?? '', /fetch failed|ECONNREFUSED/);

      receiver = await startWebhookReceiver({ secret, port });
      const [row] = await until('the event delivered', async () => {
        const rows = await outboxRowsOf(booking);
        return rows[0]?.status === 'delivered' ? rows : null;
      });
      assert.deepEqual(receiver.hitsOf(row?.event_id ?? '').map((h) => [h.answered, h.signatureValid]), [[200, true]]);
    } finally {
      await api.close();
      await receiver?.close();
    }
  });

  it('answers webhookDelivered true when the first attempt got through', async () => {
    const receiver = await startWebhookReceiver({ secret });
    const api = await startApi(receiver.baseUrl);
    try {
      const { bookingId: booking, sessionId } = await openSession();
      assert.equal((await payOverHttp(api, sessionId)).webhookDelivered, true);
      const [row] = await outboxRowsOf(booking);
      assert.equal(row?.status, 'delivered');
      assert.equal(row?.attempts, 1);
    } finally {
      await api.close();
      await receiver.close();
    }
  });
});

describe('the dispatcher', () => {
  const dispatcherFor = (options: Partial<DispatcherOptions> & Pick<DispatcherOptions, 'db' | 'endpointUrl'>) =>
    createLocalWebhookDispatcher({ secret, logger: quiet, pollIntervalMs: 50, adoptAfterMs: NEVER_ADOPT, ...options });

  it('waits out a database outage, logging it once, and then delivers what was queued', async () => {
    const receiver = await startWebhookReceiver({ secret });
    const endpointUrl = localWebhookUrl(receiver.baseUrl);
    const real = new URL(testEnv().databaseUrl);
    const proxyPort = await freePort();
    const throughProxy = new URL(real);
    throughProxy.hostname = '127.0.0.1';
    throughProxy.port = String(proxyPort);
    // Nothing listens on the proxy's port yet: for this dispatcher, the database is down.
    const outageDb = createDb(throughProxy.toString(), { max: 2 });
    const { logger, lines } = recordingLogger();
    const dispatcher = dispatcherFor({ db: outageDb, endpointUrl, logger });
    let proxy: Awaited<ReturnType<typeof startTcpProxy>> | undefined;
    try {
      dispatcher.start();
      const event = anEvent();
      await enqueueLocalWebhook(db, event, { endpointUrl });
      const unreachable = () => lines().filter((l) => l.msg.startsWith('local webhook outbox unreachable'));
      await until('the outage logged', async () => unreachable().length > 0);
      await sleep(300);
      assert.equal(unreachable().length, 1, 'an outage is logged when it starts, not on every poll');
      assert.equal(unreachable()[0]?.level, 'error');

      proxy = await startTcpProxy(proxyPort, { host: real.hostname, port: Number(real.port) });
      await until('the event delivered after the outage', async () => receiver.hitsOf(event.id).length > 0);
      await until('the row marked delivered', async () => (await db.selectFrom('local_webhook_outbox').select('status').where('event_id', '=', event.id).executeTakeFirst())?.status === 'delivered');
      assert.ok(lines().some((l) => l.msg.startsWith('local webhook outbox reachable again')));
    } finally {
      await dispatcher.stop();
      await outageDb.destroy();
      await proxy?.close();
      await receiver.close();
    }
  });

  it('stops at once when asked, handing the event it was sending back to the queue', async () => {
    const receiver = await startWebhookReceiver({ secret, delayMs: 60_000 });
    const endpointUrl = localWebhookUrl(receiver.baseUrl);
    const dispatcher = dispatcherFor({ db, endpointUrl });
    const event = anEvent();
    await enqueueLocalWebhook(db, event, { endpointUrl });
    try {
      dispatcher.start();
      await until('the attempt under way', async () => receiver.hitsOf(event.id).length > 0);
      await dispatcher.stop();
      const row = await db
        .selectFrom('local_webhook_outbox')
        .select((eb) => ['status', 'attempts', 'last_error', eb('next_attempt_at', '<=', eb.fn<Date>('now')).as('due')])
        .where('event_id', '=', event.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: 'pending', attempts: 1, last_error: 'dispatcher stopped during the attempt', due: true });
    } finally {
      await dispatcher.stop();
      await receiver.close();
    }
  });
});
