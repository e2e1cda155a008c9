/** The figures of one measured run, from its bookings' timings. */
import type { JourneyResult } from './booking-journey';
import type { RunResult } from './load-loops';
import { percentile } from './percentile';

export interface Spread {
  p50: number;
  p99: number;
  max: number;
}

export interface RunSummary {
  attempted: number;
  confirmed: number;
  /** From the first booking due to the last one seen CONFIRMED (s). */
  elapsedS: number;
  confirmedPerS: number;
  create: Spread;
  toConfirmed: Spread;
  sendLag: Spread;
  failures: Record<string, number>;
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 };
}

const present = (values: (number | null)[]): number[] => values.filter((v): v is number => v !== null);

export function summarizeRun(run: RunResult, endedAt: number): RunSummary {
  const { results } = run;
  const confirmedAts = present(results.map((r: JourneyResult) => r.confirmedAt));
  const lastConfirmed = confirmedAts.length > 0 ? Math.max(...confirmedAts) : endedAt;
  const elapsedS = Math.max(0.001, (lastConfirmed - run.startedAt) / 1000);
  const failures: Record<string, number> = {};
  for (const r of results) if (r.failure) failures[r.failure] = (failures[r.failure] ?? 0) + 1;
  return {
    attempted: results.length,
    confirmed: confirmedAts.length,
    elapsedS,
    confirmedPerS: confirmedAts.length / elapsedS,
    create: spread(present(results.map((r) => r.createMs))),
    toConfirmed: spread(present(results.map((r) => r.confirmedMs))),
    sendLag: spread(results.map((r) => r.sendLagMs)),
    failures,
  };
}
