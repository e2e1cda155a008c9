import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { RequestSlots } from '../../src/providers/calendar/request-slots';

describe('RequestSlots', () => {
  it('runs at most its size at once and lets the others in first come, first served', async () => {
    const slots = new RequestSlots(2);
    const signal = new AbortController().signal;
    let running = 0;
    let most = 0;
    const started: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map((n) =>
        slots.run(signal, async () => {
          started.push(n);
          running++;
          most = Math.max(most, running);
          await sleep(5);
          running--;
        }),
      ),
    );
    assert.equal(most, 2);
    assert.deepEqual(started, [0, 1, 2, 3, 4, 5]);
  });

  it('lets a waiter whose deadline passed leave the queue without taking a slot, and frees a slot when a request fails', async () => {
    const slots = new RequestSlots(1);
    const never = new AbortController().signal;
    let release!: () => void;
    const holding = slots.run(never, () => new Promise<void>((resolve) => (release = resolve)));
    const impatient = new AbortController();
    const gaveUp = slots.run(impatient.signal, () => Promise.resolve('ran'));
    impatient.abort(new Error('deadline'));
    await assert.rejects(gaveUp, /deadline/);
    release();
    await holding;
    await assert.rejects(slots.run(never, () => Promise.reject(new Error('refused'))), /refused/);
    assert.equal(await slots.run(never, () => Promise.resolve('next')), 'next');
  });
});
