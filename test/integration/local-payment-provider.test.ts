/** The local payment provider over real PostgreSQL: what the workflow relies on when it charges and refunds. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { createDb } from '../../src/db/connection';
import type { Database } from '../../src/db/schema';
import { LocalPaymentProvider, RefundExceedsPaymentError } from '../../src/providers/payments/local/local-payment-provider';
import { markLocalSessionPaid } from '../../src/providers/payments/local/local-payment-sessions.repository';
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
async function paidSession(): Promise<{ bookingId: string; paymentId: string }> {
  const bookingId = `bk_test_${unique()}`;
  const { sessionId } = await provider.createCheckout(checkout(bookingId));
  const paymentId = `lpay_${unique()}`;
  assert.ok(await markLocalSessionPaid(db, sessionId, paymentId, new Date()));
  return { bookingId, paymentId };
}

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

  it('expires an open session but never a paid one', async () => {
    const open = await provider.createCheckout(checkout(`bk_test_${unique()}`));
    await provider.expireCheckout(open.sessionId);
    const { bookingId } = await paidSession();
    const paid = await db.selectFrom('local_payment_sessions').select('id').where('booking_id', '=', bookingId).executeTakeFirstOrThrow();
    await provider.expireCheckout(paid.id);
    await provider.expireCheckout('lcs_does_not_exist');

    const statuses = await db.selectFrom('local_payment_sessions').select(['id', 'status']).where('id', 'in', [open.sessionId, paid.id]).execute();
    assert.deepEqual(Object.fromEntries(statuses.map((s) => [s.id, s.status])), { [open.sessionId]: 'expired', [paid.id]: 'paid' });
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
    await assert.rejects(refund(bookingId, paymentId, 100, 'more'), RefundExceedsPaymentError);
  });

  it('refuses to refund a payment it never took', async () => {
    await assert.rejects(refund(`bk_test_${unique()}`, 'lpay_unknown', 100, 'x'), RefundExceedsPaymentError);
  });
});
