/**
 * One side of the comparison (the product, or the no-op) and the runs the bench makes of it. Each
 * run takes fresh slots from the side's list, so no booking ever competes with an earlier one.
 */
import type { BenchTarget, JourneyResult, Slot } from './booking-journey';
import { runClosedLoop, runOpenLoop, type RunResult } from './load-loops';
import { summarizeRun, type RunSummary } from './run-summary';

export interface BenchSide {
  label: 'product' | 'no-op';
  target: BenchTarget;
  slots: Slot[];
  /** The Temporal workflow id of one of this side's bookings. */
  workflowId(bookingId: string): string;
  /** The first booking of the last run that reached CONFIRMED (long done by the end), for the history comparison. */
  sampleBookingId: string | null;
}

function take(side: BenchSide, count: number): Slot[] {
  if (side.slots.length < count) throw new Error(`${side.label}: only ${side.slots.length} slots left for ${count} bookings`);
  return side.slots.splice(0, count);
}

function finish(side: BenchSide, run: RunResult): RunSummary {
  const summary = summarizeRun(run, performance.now());
  const confirmed = run.results.filter((r: JourneyResult) => r.confirmedAt !== null && r.bookingId !== null);
  side.sampleBookingId = confirmed[0]?.bookingId ?? side.sampleBookingId;
  return summary;
}

/** Unmeasured bookings first: connections, JIT and caches warm, on both sides alike. */
export async function warmUp(side: BenchSide, bookings: number, concurrency: number): Promise<void> {
  if (bookings === 0) return;
  await runClosedLoop(side.target, take(side, bookings), { concurrency: Math.min(concurrency, bookings), durationS: 120 });
}

export async function closedRun(side: BenchSide, bookings: number, concurrency: number, durationS: number): Promise<RunSummary> {
  return finish(side, await runClosedLoop(side.target, take(side, bookings), { concurrency, durationS }));
}

export async function openRun(side: BenchSide, bookings: number, rate: number): Promise<RunSummary> {
  return finish(side, await runOpenLoop(side.target, take(side, bookings), { rate }));
}

export interface MaxRate {
  summary: RunSummary;
  concurrency: number;
  /** Every level tried: concurrency and bookings/s to CONFIRMED. */
  levels: { concurrency: number; perS: number }[];
}

/** Closed loop at C, 2C, 4C clients, stopping when doubling gains less than 10 %: the side's maximum rate. */
export async function findMaxRate(side: BenchSide, bookings: number, concurrency: number, durationS: number, maxConcurrency: number): Promise<MaxRate> {
  let best: MaxRate | null = null;
  const levels: MaxRate['levels'] = [];
  for (let c = concurrency, step = 0; step < RAMP_STEPS && c <= maxConcurrency; c *= 2, step++) {
    const summary = await closedRun(side, bookings, c, durationS);
    levels.push({ concurrency: c, perS: summary.confirmedPerS });
    const gained = best === null || summary.confirmedPerS >= best.summary.confirmedPerS * 1.1;
    if (best === null || summary.confirmedPerS > best.summary.confirmedPerS) best = { summary, concurrency: c, levels };
    if (!gained) break;
  }
  return best!;
}

export const RAMP_STEPS = 3;
