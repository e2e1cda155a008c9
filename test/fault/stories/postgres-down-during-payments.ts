import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { bookingRequest, bookOk, eventually, getBooking, offeredSlots, pay, waitForStatus } from '../../support/booking-api';
import type { HttpAnswer } from '../../support/http';
import { workflowState } from '../support/fault-probes';
import type { FaultStory } from '../support/fault-story';
import { payRetrying } from '../support/retrying-client';

const BOOKINGS = 10;
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

    // Everyone presses Pay at once; the database goes away as the first payment is answered, so the
    // others are cut off somewhere between marking the checkout paid and their webhook reaching the booking.
    const attempts = bookings.map((b) => pay(checkoutUrl(b)).catch((): HttpAnswer | null => null));
    await Promise.race(attempts);
    await servers.stopPostgres();
    const firstAnswers = await Promise.all(attempts);
    await sleep(OUTAGE_MS);
    await servers.startPostgres();
    // Neither the API nor the worker may have died of the outage (a query cut off mid-flight).
    app.assertProcessesAlive();

    // A customer whose Pay failed presses it again; "already paid" (409) is an answer too.
    const retried = await Promise.all(bookings.map((b, i) => (firstAnswers[i]?.status === 200 ? firstAnswers[i] : payRetrying(app, checkoutUrl(b)))));
    for (const answer of retried) assert.ok(answer && [200, 409].includes(answer.status), JSON.stringify(answer?.body));
    const sessions = await app.db.selectFrom('local_payment_sessions').select(['booking_id', 'status']).where('booking_id', 'in', bookings.map((b) => b.id)).execute();
    assert.deepEqual(sessions.map((s) => s.status), Array<string>(BOOKINGS).fill('paid'), 'every checkout is paid');

    for (const b of bookings) await waitForStatus(app, b.id, b.token, 'CONFIRMED', 120_000);
    for (const b of bookings) {
      await eventually(`the read model of ${b.id} to agree with its workflow`, async () => {
        const [state, row, answer] = await Promise.all([
          workflowState(app, b.id),
          app.db.selectFrom('bookings').select(['status', 'payment_status', 'refunded_cents']).where('id', '=', b.id).executeTakeFirstOrThrow(),
          getBooking(app, b.id, b.token),
        ]);
        const truth = { status: state.status, payment: state.payment.status, refunded: state.payment.refundedCents };
        return (
          truth.status === 'CONFIRMED' &&
          truth.payment === 'PAID' &&
          row.status === truth.status && row.payment_status === truth.payment && row.refunded_cents === truth.refunded &&
          answer.status === 200 && answer.body.booking.status === truth.status && answer.body.booking.payment.status === truth.payment
        );
      });
    }
    app.assertProcessesAlive();
  },
};
