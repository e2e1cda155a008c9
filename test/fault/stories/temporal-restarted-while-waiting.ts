import assert from 'node:assert/strict';
import { bookingRequest, bookOk, eventually, isOffered, offeredSlots, waitForStatus } from '../../support/booking-api';
import { liveHoldsOverlapping } from '../support/fault-probes';
import type { FaultStory } from '../support/fault-story';

const BOOKINGS = 3;
const WINDOW_MS = 60_000;
/** How late after its deadline an expiry may land: the restart, a timer task, a workflow task. */
const MARGIN_MS = 30_000;

/** Story 3: restart the Temporal server while bookings wait for payment on a one-minute window. */
export const temporalRestartedWhileWaiting: FaultStory = {
  situation: 'the Temporal server restarted while bookings wait for payment',
  outcome: 'expires the unpaid bookings at their deadline and offers their slots again',
  timeoutMs: 180_000,
  async run(app, servers) {
    const { service, resource } = await app.createServiceAndResource({ service: { paymentWindowMinutes: 1 } });
    const slots = (await offeredSlots(app, service.id, resource.id)).slice(0, BOOKINGS);
    assert.equal(slots.length, BOOKINGS);
    const bookings = await Promise.all(
      slots.map(async (slot, i) => ({ slot, bookedAt: Date.now(), ...(await bookOk(app, bookingRequest(service.id, resource.id, slot.start, `waiter${i}@example.com`))) })),
    );
    for (const b of bookings) assert.equal(b.booking.status, 'AWAITING_PAYMENT');

    await servers.restartTemporal();

    for (const b of bookings) {
      const expired = await waitForStatus(app, b.id, b.token, 'EXPIRED', Math.max(1_000, b.bookedAt + WINDOW_MS + MARGIN_MS - Date.now()));
      const awaiting = expired.history.find((h) => h.status === 'AWAITING_PAYMENT');
      const end = expired.history.find((h) => h.status === 'EXPIRED');
      assert.ok(awaiting && end, JSON.stringify(expired.history));
      // The durable timer ran its whole window across the restart: not cut short, not lost.
      assert.ok(Date.parse(end.at) - Date.parse(awaiting.at) >= WINDOW_MS - 1_000, `expired at ${end.at}, payment asked at ${awaiting.at}`);
    }
    for (const b of bookings) {
      await eventually(`slot ${b.slot.start} offered again`, () => isOffered(app, service.id, resource.id, b.slot.start));
      assert.deepEqual(await liveHoldsOverlapping(app.db, resource.id, b.slot.start, b.slot.end), []);
    }
    app.assertProcessesAlive();
  },
};
