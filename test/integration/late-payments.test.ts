/**
 * A payment for a booking whose workflow has closed, as the webhook routes hand it to BookingClient:
 * against the real read model in PostgreSQL, with a Temporal client that records what it is asked
 * (every signal answers as for a closed workflow).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { BookingClient } from '../../src/bookings/booking-client';
import { upsertBookingFromState } from '../../src/bookings/bookings.repository';
import { createDb } from '../../src/db/connection';
import type { Database } from '../../src/db/schema';
import { createLogger } from '../../src/logging/logger';
import type { PaymentSignal } from '../../workflows/contract';
import { initialBookingState } from '../../workflows/state/booking-state';
import { aBookingInput } from '../support/fixtures';
import { testEnv } from '../support/test-env';

interface Started {
  type: string;
  options: Record<string, unknown>;
}

function closedWorkflowsClient(started: Started[]): Client {
  const client = {
    workflow: {
      start: async (type: string, options: Record<string, unknown>) => void started.push({ type, options }),
      getHandle: (workflowId: string) => ({
        signal: async () => {
          throw new WorkflowNotFoundError('workflow execution already completed', workflowId, undefined);
        },
      }),
    },
  };
  return client as unknown as Client;
}

describe('a payment for a booking whose workflow has closed', () => {
  let db: Kysely<Database>;
  before(() => {
    db = createDb(testEnv().databaseUrl, { max: 2 });
  });
  after(async () => {
    await db?.destroy();
  });

  const bookings = (started: Started[]) =>
    new BookingClient({ temporal: closedWorkflowsClient(started), db, config: { TEMPORAL_TASK_QUEUE: 'bookings-q' }, logger: createLogger('error') });
  const payment = (bookingId: string, paymentId = `lpay_${randomBytes(4).toString('hex')}`): PaymentSignal => ({
    eventId: `evt_${paymentId}`,
    kind: 'succeeded',
    provider: 'local',
    sessionId: 'lcs_1',
    paymentId,
    amountCents: 5000,
    currency: 'CHF',
  });

  it('starts a refund workflow keyed by the payment, so a second delivery does not refund twice', async () => {
    const started: Started[] = [];
    const signal = payment(`bk_${randomBytes(6).toString('hex')}`);
    assert.equal(await bookings(started).signalPayment('bk_gone', signal), 'late-refund-started');
    assert.equal(started[0]?.type, 'latePaymentRefundWorkflow');
    assert.equal(started[0]?.options.workflowId, `late-payment-local-${signal.paymentId}`);
    assert.equal(started[0]?.options.taskQueue, 'bookings-q');
    assert.deepEqual(started[0]?.options.args, [{ bookingId: 'bk_gone', provider: 'local', paymentId: signal.paymentId, amountCents: 5000, currency: 'CHF' }]);
  });

  it('does not refund the payment the closed booking kept, announced once more', async () => {
    const input = aBookingInput(Date.now());
    const state = initialBookingState(input, new Date().toISOString());
    const kept = payment(input.bookingId);
    await upsertBookingFromState(db, { ...state, status: 'COMPLETED', payment: { ...state.payment, status: 'PAID', paymentId: kept.paymentId } }, null);

    const started: Started[] = [];
    assert.equal(await bookings(started).signalPayment(input.bookingId, kept), 'ignored');
    assert.equal(await bookings(started).signalPayment(input.bookingId, payment(input.bookingId)), 'late-refund-started', 'another payment still goes back');
    assert.equal(started.length, 1);
  });

  it('makes a refund the closed booking made again when the provider reports it failed, in a workflow keyed by the refund', async () => {
    const started: Started[] = [];
    const failed: PaymentSignal = {
      ...payment('bk_closed', 'ch_1'),
      eventId: 'evt_refund_failed',
      kind: 'refund_failed',
      refund: { refundId: 're_1', amountCents: 4000, state: 'failed', byBooking: true },
      reason: 'expired_or_canceled_card',
    };
    assert.equal(await bookings(started).signalPayment('bk_closed', failed), 'refund-remake-started');
    assert.equal(started[0]?.type, 'closedBookingRefundFailedWorkflow');
    assert.equal(started[0]?.options.workflowId, 'refund-failed-local-re_1');
    assert.deepEqual(started[0]?.options.args, [
      { bookingId: 'bk_closed', provider: 'local', paymentId: 'ch_1', failedRefundId: 're_1', amountCents: 4000, currency: 'CHF', reason: 'expired_or_canceled_card' },
    ]);

    // One made in the provider's dashboard is its maker's to redo.
    const dashboard = { ...failed, refund: { refundId: 're_2', amountCents: 4000, state: 'failed' as const, byBooking: false } };
    assert.equal(await bookings(started).signalPayment('bk_closed', dashboard), 'ignored');
    assert.equal(started.length, 1);
  });

  it('ignores a failed payment: there is nothing to give back', async () => {
    const started: Started[] = [];
    assert.equal(await bookings(started).signalPayment('bk_gone', { ...payment('bk_gone'), kind: 'failed', paymentId: null }), 'ignored');
    assert.deepEqual(started, []);
  });
});
