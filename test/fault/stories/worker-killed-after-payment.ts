import assert from 'node:assert/strict';
import { bookingRequest, bookOk, eventually, offeredSlots, pay, waitForStatus } from '../../support/booking-api';
import { isConfirmation, sentMessageCounts } from '../support/fault-probes';
import type { FaultStory } from '../support/fault-story';

const BOOKINGS = 6;
const CHANNELS = ['email', 'sms'];

/** Story 2: SIGKILL the worker between the payments and the confirmations they set off. */
export const workerKilledAfterPayment: FaultStory = {
  situation: 'a worker SIGKILLed between payment and confirmation',
  outcome: 'confirms every paid booking and sends each message once after a new worker takes over',
  timeoutMs: 180_000,
  async run(app) {
    const { service, resource } = await app.createServiceAndResource();
    const slots = (await offeredSlots(app, service.id, resource.id)).slice(0, BOOKINGS);
    assert.equal(slots.length, BOOKINGS);
    const bookings = await Promise.all(slots.map((slot, i) => bookOk(app, bookingRequest(service.id, resource.id, slot.start, `payer${i}@example.com`))));

    const payments = await Promise.all(bookings.map((b) => pay(b.checkoutUrl ?? assert.fail('a paid service has a checkout URL'))));
    for (const p of payments) assert.equal(p.status, 200, JSON.stringify(p.body));
    // The payments are signalled; their confirmations (hold, calendar, messages) are now under way.
    await app.killWorker();
    await app.startWorker();

    for (const b of bookings) await waitForStatus(app, b.id, b.token, 'CONFIRMED', 120_000);
    for (const b of bookings) {
      const counts = await eventually(`the confirmations of ${b.id} on every channel`, async () => {
        const sent = await sentMessageCounts(app.db, b.id);
        return CHANNELS.every((channel) => sent.some((m) => isConfirmation(m.kind) && m.channel === channel)) ? sent : null;
      }, 90_000);
      for (const m of counts) assert.equal(m.count, 1, `booking ${b.id}: ${m.kind} by ${m.channel} sent ${m.count} times`);
      for (const channel of CHANNELS) {
        const confirmations = counts.filter((m) => isConfirmation(m.kind) && m.channel === channel);
        assert.equal(confirmations.length, 1, `booking ${b.id}: one confirmation by ${channel}, got ${JSON.stringify(confirmations)}`);
      }
    }
    app.assertProcessesAlive();
  },
};
