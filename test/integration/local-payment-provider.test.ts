/** The local payment provider over real PostgreSQL: what the workflow relies on when it charges and refunds. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { createDb } from '../../src/db/connection';
import type { Database } from '../../src/db/schema';
import { LocalPaymentProvider } from '../../src/providers/payments/local/local-payment-provider';
import { markLocalSessionPaid } from '../../src/providers/payments/local/local-payment-sessions.repository';
import { isProviderFailure, ProviderFailureKind } from '../../src/providers/provider-failure';
import { testEnv } from '../support/test-env';

let db: Kysely<Database>;
let provider: LocalPaymentProvider;
const unique = () => randomBytes(5).toString('hex');

const checkout = (bookingId: string, overrides: { expiresAt?: Date; idempotencyKey?: string } = {}) => ({
  bookingId,
  idempotencyKey: overrides.idempotencyKey ?? `${bookingId}:payment:r0`,
  amountCents: 7500,
  currency: 'eur',
  description: 'Consultation with Alex',
  customerEmail: 'jane@example.com',
  expiresAt: overrides.expiresAt ?? new Date(Date.now() + 30 * 60_000),
});

/** A session the customer has paid, as the checkout page's Pay button leaves it. */
async function paidSession(): Promise<{ bookingId: string; sessionId: string; paymentId: string }> {
  const bookingId = `bk_test_${unique()}`;
  const { sessionId } = await provider.createCheckout(checkout(bookingId));
  const paymentId = `lpay_${unique()}`;
  assert.ok(await markLocalSessionPaid(db, sessionId, paymentId, new Date()));
  return { bookingId, sessionId, paymentId };
}

const sessionStatus = async (sessionId: string) =>
  (await db.selectFrom('local_payment_sessions').select('status').where('id', '=', sessionId).executeTakeFirstOrThrow()).status;

/** A rejection carrying this provider failure kind, as the activities tell failures apart. */
const failureOf = (kind: ProviderFailureKind) => (error: unknown) => {
  assert.ok(isProviderFailure(error, kind), `expected a ProviderFailure ${kind}, got ${String(error)}`);
  assert.equal(error.provider, 'local');
  assert.equal(error.retryable, false);
  return true;
};

const refund = (bookingId: string, paymentId: string, amountCents: number, step: string) =>
  provider.refund({ bookingId, paymentId, amountCents, currency: 'EUR', reason: 'test', idempotencyKey: `${bookingId}:refund:${step}` });

before(() => {
  db = createDb(testEnv().databaseUrl);
  provider = new LocalPaymentProvider({ db, publicBaseUrl: 'http://pay.example.test/' });
});

after(async () => {
  await db?.destroy();
});

describe('local checkout sessions', () => {
  it('creates one session per idempotency key, so a retried activity returns the same checkout', async () => {
    const bookingId = `bk_test_${unique()}`;
    const first = await provider.createCheckout(checkout(bookingId));
    const retried = await provider.createCheckout(checkout(bookingId));
    assert.deepEqual(retried, first);
    assert.match(first.sessionId, /^lcs_[0-9a-f]{24}$/);
    assert.equal(first.checkoutUrl, `http://pay.example.test/local-checkout/${first.sessionId}`);
    const row = await db.selectFrom('local_payment_sessions').selectAll().where('id', '=', first.sessionId).executeTakeFirstOrThrow();
    assert.equal(row.currency, 'EUR');
    assert.equal(row.status, 'open');
  });

  it('lets only one of two simultaneous payers pay a session', async () => {
    const { sessionId } = await provider.createCheckout(checkout(`bk_test_${unique()}`));
    const results = await Promise.all([markLocalSessionPaid(db, sessionId, 'lpay_a', new Date()), markLocalSessionPaid(db, sessionId, 'lpay_b', new Date())]);
    assert.equal(results.filter(Boolean).length, 1);
  });

  it('does not take a payment on an expired session', async () => {
    const { sessionId } = await provider.createCheckout(checkout(`bk_test_${unique()}`, { expiresAt: new Date(Date.now() - 1000) }));
    assert.equal(await markLocalSessionPaid(db, sessionId, `lpay_${unique()}`, new Date()), null);
  });
});

describe('local refunds', () => {
  it('refunds once per idempotency key', async () => {
    const { bookingId, paymentId } = await paidSession();
    const first = await refund(bookingId, paymentId, 7500, 'cancel');
    const retried = await refund(bookingId, paymentId, 7500, 'cancel');
    assert.deepEqual(retried, first);
    const rows = await db.selectFrom('local_refunds').select('amount_cents').where('payment_id', '=', paymentId).execute();
    assert.deepEqual(rows, [{ amount_cents: 7500 }]);
  });

  it('never refunds more than was paid, whatever the requests add up to', async () => {
    const { bookingId, paymentId } = await paidSession();
    assert.equal((await refund(bookingId, paymentId, 5000, 'partial')).amountCents, 5000);
    assert.equal((await refund(bookingId, paymentId, 5000, 'rest')).amountCents, 2500);
    await assert.rejects(refund(bookingId, paymentId, 100, 'more'), failureOf(ProviderFailureKind.EXCEEDS_PAYMENT));
  });

  it('refuses to refund a payment it never took, as not found', async () => {
    await assert.rejects(refund(`bk_test_${unique()}`, 'lpay_unknown', 100, 'x'), failureOf(ProviderFailureKind.NOT_FOUND));
  });
});

describe('expiring a checkout at the payment deadline', () => {
  it('closes an open session, so it can no longer be paid', async () => {
    const { sessionId } = await provider.createCheckout(checkout(`bk_test_${unique()}`));
    assert.deepEqual(await provider.expireCheckout({ sessionId }), { outcome: 'expired' });
    assert.equal(await sessionStatus(sessionId), 'expired');
    assert.equal(await markLocalSessionPaid(db, sessionId, `lpay_${unique()}`, new Date()), null);
  });

  it('reports a session the customer already paid as the payment, with its id and amount, and leaves it paid', async () => {
    const { sessionId, paymentId } = await paidSession();
    assert.deepEqual(await provider.expireCheckout({ sessionId }), { outcome: 'paid', paymentId, amountCents: 7500, currency: 'EUR' });
    assert.equal(await sessionStatus(sessionId), 'paid');
  });

  it('answers expired for a session it never created', async () => {
    assert.deepEqual(await provider.expireCheckout({ sessionId: `lcs_${unique()}` }), { outcome: 'expired' });
  });

  it('finds the session by its idempotency key when the workflow never learned its id', async () => {
    const open = checkout(`bk_test_${unique()}`);
    const { sessionId: openId } = await provider.createCheckout(open);
    assert.deepEqual(await provider.expireCheckout({ sessionId: null, idempotencyKey: open.idempotencyKey }), { outcome: 'expired' });
    assert.equal(await sessionStatus(openId), 'expired');

    const { bookingId, sessionId: paidId, paymentId } = await paidSession();
    const byKey = await provider.expireCheckout({ sessionId: null, idempotencyKey: checkout(bookingId).idempotencyKey });
    assert.deepEqual(byKey, { outcome: 'paid', paymentId, amountCents: 7500, currency: 'EUR' });
    assert.equal(await sessionStatus(paidId), 'paid');

    assert.deepEqual(await provider.expireCheckout({ sessionId: null, idempotencyKey: `bk_test_${unique()}:payment:r0` }), { outcome: 'expired' });
  });
});
