import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { localId } from '../../../src/providers/payments/local/local-ids';
import { markLocalSessionPaid } from '../../../src/providers/payments/local/local-payment-sessions.repository';
import { bookingWorkflowId, paymentSignal } from '../../../workflows/contract';
import { bookingRequest, bookOk, eventually, getBooking, offeredSlots, pay } from '../../support/booking-api';
import type { HttpAnswer } from '../../support/http';
import { workflowState } from '../support/fault-probes';
import type { FaultStory } from '../support/fault-story';
import { payRetrying } from '../support/retrying-client';

const BOOKINGS = 10;
/** Of the bookings, those whose payment reaches the booking exactly as the database goes away. */
const SIGNALLED_AT_OUTAGE = 2;
const OUTAGE_MS = 30_000;

/** Story 4: stop PostgreSQL for 30 seconds while customers are paying. */
export const postgresDownDuringPayments: FaultStory = {
  situation: 'PostgreSQL stopped for 30 seconds during payments',
  outcome: 'confirms every paid booking once the database is back, with the read model agreeing with the workflows',
  timeoutMs: 240_000,
  async run(app, servers) {
    const { service, resource } = await app.createServiceAndResource();
    const slots = (await offeredSlots(app, service.id, resource.id)).slice(0, BOOKINGS);
    assert.equal(slots.length, BOOKINGS);
    const bookings = await Promise.all(slots.map((slot, i) => bookOk(app, bookingRequest(service.id, resource.id, slot.start, `outage${i}@example.com`))));
    const checkoutUrl = (b: (typeof bookings)[number]) => b.checkoutUrl ?? assert.fail('a paid service has a checkout URL');
    const sessionOf = (b: (typeof bookings)[number]) => new URL(checkoutUrl(b)).pathname.split('/').pop() ?? '';
    const atOutage = bookings.slice(0, SIGNALLED_AT_OUTAGE);
    const payers = bookings.slice(SIGNALLED_AT_OUTAGE);

    // These customers paid at the provider a moment ago; their payment events reach the bookings just
    // as the database goes away, so their confirmation runs during the outage every time (the Pay
    // burst below reaches that moment only by chance). Sent as the webhook route would signal them.
    const paidAtProvider = await Promise.all(
      atOutage.map(async (b) => (await markLocalSessionPaid(app.db, sessionOf(b), localId('lpay'), new Date())) ?? assert.fail(`checkout of ${b.id} paid`)),
    );
    // Everyone else presses Pay at once; the database goes away as the first payment is answered, so
    // the others are cut off somewhere between marking the checkout paid and their webhook reaching the booking.
    const attempts = payers.map((b) => pay(checkoutUrl(b)).catch((): HttpAnswer | null => null));
    await Promise.race(attempts);
    await servers.stopPostgres();
    await Promise.all(
      paidAtProvider.map((session) =>
        app.client.workflow.getHandle(bookingWorkflowId(session.booking_id)).signal(paymentSignal, {
          eventId: localId('evt'),
          kind: 'succeeded',
          provider: 'local',
          sessionId: session.id,
          paymentId: session.payment_id,
          amountCents: session.amount_cents,
          currency: session.currency,
        }),
      ),
    );
    const firstAnswers = await Promise.all(attempts);
    await sleep(OUTAGE_MS);
    await servers.startPostgres();
    // Neither the API nor the worker may have died of the outage (a query cut off mid-flight).
    app.assertProcessesAlive();

    // A customer whose Pay failed presses it again; "already paid" (409) is an answer too.
    const retried = await Promise.all(payers.map((b, i) => (firstAnswers[i]?.status === 200 ? firstAnswers[i] : payRetrying(app, checkoutUrl(b)))));
    for (const answer of retried) assert.ok(answer && [200, 409].includes(answer.status), JSON.stringify(answer?.body));
    const sessions = await app.db.selectFrom('local_payment_sessions').select(['booking_id', 'status']).where('booking_id', 'in', bookings.map((b) => b.id)).execute();
    assert.deepEqual(sessions.map((s) => s.status), Array<string>(BOOKINGS).fill('paid'), 'every checkout is paid');

    for (const b of bookings) {
      const settled = await eventually(`booking ${b.id} to move on from waiting for payment`, async () => {
        const answer = await getBooking(app, b.id, b.token);
        return answer.status === 200 && !['PENDING', 'AWAITING_PAYMENT'].includes(answer.body.booking.status) ? answer.body.booking : null;
      }, 120_000);
      assert.equal(settled.status, 'CONFIRMED', `booking ${b.id}: ${settled.history.map((h) => `${h.status} ${h.event}`).join('; ')}`);
    }
    for (const b of bookings) {
      let seen = '';
      await eventually(`the read model of ${b.id} to agree with its workflow`, async () => {
        const [state, row, answer] = await Promise.all([
          workflowState(app, b.id),
          app.db.selectFrom('bookings').select(['status', 'payment_status', 'refunded_cents']).where('id', '=', b.id).executeTakeFirstOrThrow(),
          getBooking(app, b.id, b.token),
        ]);
        const views = {
          workflow: { status: state.status, payment: state.payment.status, refunded: state.payment.refundedCents },
          readModel: { status: row.status, payment: row.payment_status, refunded: row.refunded_cents },
          api: answer.status === 200 ? { status: answer.body.booking.status, payment: answer.body.booking.payment.status, refunded: answer.body.booking.payment.refundedCents } : answer.status,
        };
        seen = `${JSON.stringify(views)}, history: ${state.history.map((h) => `${h.status} ${h.event}${h.detail ? ` (${h.detail})` : ''}`).join('; ')}`;
        const expected = JSON.stringify({ status: 'CONFIRMED', payment: 'PAID', refunded: 0 });
        return [views.workflow, views.readModel, views.api].every((v) => JSON.stringify(v) === expected);
      }, 30_000).catch((error: Error) => {
        throw new Error(`${error.message}; last seen: ${seen}`, { cause: error });
      });
    }
    app.assertProcessesAlive();
  },
};
