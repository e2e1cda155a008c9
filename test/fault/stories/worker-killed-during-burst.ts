import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { uniqueSuffix } from '../../support/fixtures';
import { bookingRequest, eventually, offeredSlots } from '../../support/booking-api';
import { bookingIdsOnQueue, liveHoldsOverlapping, sampleWhile, workflowState } from '../support/fault-probes';
import type { FaultStory } from '../support/fault-story';
import { bookRetrying } from '../support/retrying-client';

const REQUESTS = 16;
const SPREAD_MS = 60;

/** Story 1: SIGKILL the worker while a burst of requests for one slot is being served. */
export const workerKilledDuringBurst: FaultStory = {
  situation: 'a worker SIGKILLed in the middle of a burst of bookings for one slot',
  outcome: 'gives the slot to exactly one request, never holds it twice, and leaves no booking PENDING once a new worker runs',
  timeoutMs: 180_000,
  async run(app) {
    const { service, resource } = await app.createServiceAndResource();
    const [slot] = await offeredSlots(app, service.id, resource.id);
    assert.ok(slot);
    const liveHolds = () => liveHoldsOverlapping(app.db, resource.id, slot.start, slot.end);
    const holdCounts = sampleWhile(async () => (await liveHolds()).length);

    const run = uniqueSuffix();
    const answers = Promise.all(
      Array.from({ length: REQUESTS }, async (_, i) => {
        await sleep(i * SPREAD_MS);
        return bookRetrying(app, bookingRequest(service.id, resource.id, slot.start, `racer${i}@example.com`), `burst-${run}-${i}`);
      }),
    );
    // Awaited below; marked handled now so a failure shows there, not as an unhandled rejection.
    answers.catch(() => undefined);
    // Mid-burst: the first hold is in, most requests are still arriving or being served.
    await eventually('the first hold of the burst', async () => (await liveHolds()).length > 0, 30_000);
    await app.killWorker();
    await app.startWorker();

    const all = await answers;
    const won = all.filter((a) => a.status === 201);
    const lost = all.filter((a) => a.status === 409);
    assert.equal(won.length, 1, `exactly one booking wins: ${JSON.stringify(all.map((a) => [a.status, a.body]))}`);
    assert.equal(lost.length, REQUESTS - 1, `every other request is refused: ${JSON.stringify(all.map((a) => a.status))}`);
    for (const a of lost) assert.equal(a.body.error.code, 'SLOT_UNAVAILABLE');
    const winner = won[0]?.body.booking.id;

    const ids = await eventually('every request to have started its booking', async () => {
      const found = await bookingIdsOnQueue(app);
      return found.length === REQUESTS ? found : null;
    });
    const states = await eventually('no booking left PENDING', async () => {
      const all = await Promise.all(ids.map((id) => workflowState(app, id)));
      return all.every((s) => s.status !== 'PENDING') ? all : null;
    }, 60_000);
    for (const state of states) {
      assert.equal(state.status, state.id === winner ? 'AWAITING_PAYMENT' : 'REJECTED', `booking ${state.id}`);
    }
    await eventually('no booking PENDING in the read model either', async () => {
      const pending = await app.db.selectFrom('bookings').select('id').where('resource_id', '=', resource.id).where('status', '=', 'PENDING').execute();
      return pending.length === 0;
    });

    assert.deepEqual(await liveHolds(), [{ bookingId: winner }], 'the winner holds the slot');
    const counts = await holdCounts.stop();
    assert.ok(counts.length > 0);
    assert.ok(Math.max(...counts) <= 1, `never more than one live hold for the slot; seen ${Math.max(...counts)}`);
    app.assertProcessesAlive();
  },
};
