/**
 * The two ways the bench offers load. Closed loop: C clients, each books and pays, then books the
 * next (the system sets the pace: its maximum rate). Open loop: bookings start on a fixed timetable,
 * R per second, whether or not earlier ones were answered (the load is fixed: latency at that load).
 * Both are bounded by the slots they are given, and the closed loop by a time limit as well.
 */
import { bookAndPay, type BenchTarget, type JourneyResult, type Slot } from './booking-journey';

export interface RunResult {
  /** When the first booking was due (`performance.now()`). */
  startedAt: number;
  results: JourneyResult[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runClosedLoop(target: BenchTarget, slots: readonly Slot[], options: { concurrency: number; durationS: number }): Promise<RunResult> {
  const startedAt = performance.now();
  const stopStartingAt = startedAt + options.durationS * 1000;
  const confirmations: Promise<JourneyResult>[] = [];
  let next = 0;
  const client = async () => {
    while (next < slots.length && performance.now() < stopStartingAt) {
      const slot = slots[next++]!;
      const { confirmed } = await bookAndPay(target, slot, performance.now());
      confirmations.push(confirmed);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  return { startedAt, results: await Promise.all(confirmations) };
}

/** Offset of the i-th booking from the start of the timetable, in ms. */
export function timetableOffsetMs(i: number, rate: number): number {
  return (i * 1000) / rate;
}

export async function runOpenLoop(target: BenchTarget, slots: readonly Slot[], options: { rate: number }): Promise<RunResult> {
  const startedAt = performance.now();
  const journeys: Promise<JourneyResult>[] = [];
  for (let i = 0; i < slots.length; i++) {
    const due = startedAt + timetableOffsetMs(i, options.rate);
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    journeys.push(bookAndPay(target, slots[i]!, due).then((j) => j.confirmed));
  }
  return { startedAt, results: await Promise.all(journeys) };
}
