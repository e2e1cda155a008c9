/**
 * What `npm run bench:api` was asked to do, parsed and bounded: every run the bench makes has a
 * count and a time limit, whatever the flags say.
 */
import { parseArgs } from 'node:util';

export const TARGETS = ['both', 'product', 'noop'] as const;
export type TargetChoice = (typeof TARGETS)[number];

export type BenchMode =
  | { kind: 'closed'; bookings: number; concurrency: number; durationS: number }
  | { kind: 'open'; bookings: number; rate: number }
  | { kind: 'compare'; bookings: number; concurrency: number; durationS: number };

export interface BenchOptions {
  mode: BenchMode;
  target: TargetChoice;
  warmup: number;
}

export const LIMITS = { bookings: 5000, concurrency: 200, rate: 500, durationS: 600, warmup: 200 } as const;
const DEFAULTS = { bookings: 200, concurrency: 10, warmup: 20 } as const;

export const USAGE = `Usage: npm run bench:api -- [options]

Creates and pays bookings over HTTP, on the product (the embedded default, started by the bench) and
on a no-op workflow of the same event shape on the same Temporal server, and prints both and their ratio.

  (no mode flag)    closed loop: --concurrency clients, each books and pays, then the next
  --rate R          open loop: R bookings per second on a fixed timetable, whatever the answers
  --compare         closed loop to find each side's maximum rate (concurrency C, 2C, 4C), then
                    open loop for both at half the no-op's maximum: the issue's two aims

  --bookings N      bookings per measured run (default ${DEFAULTS.bookings}, at most ${LIMITS.bookings})
  --duration S      stop starting bookings after S seconds (with --rate: N = R x S, at most --bookings)
  --concurrency C   closed-loop clients (default ${DEFAULTS.concurrency}, at most ${LIMITS.concurrency})
  --target T        both | product | noop (default both)
  --warmup W        unmeasured bookings per side before its first run (default ${DEFAULTS.warmup})

Environment:
  BENCH_BASE_URL, BENCH_ADMIN_KEY   measure a running system on this machine instead of starting one
  BENCH_TEMPORAL_ADDRESS            its Temporal server (needed for the no-op side with BENCH_BASE_URL)`;

export class BenchOptionsError extends Error {}

function whole(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new BenchOptionsError(`--${name} takes a whole number from ${min} to ${max}`);
  return value;
}

function positive(name: string, raw: string | undefined, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) throw new BenchOptionsError(`--${name} takes a number above 0, at most ${max}`);
  return value;
}

/** An open-loop timetable never runs past the time limit: at most R x LIMITS.durationS bookings. */
export function boundedTimetable(bookings: number, rate: number): number {
  return Math.max(1, Math.min(bookings, Math.floor(rate * LIMITS.durationS)));
}

/** Null means "print the usage". */
export function parseBenchOptions(argv: string[]): BenchOptions | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        bookings: { type: 'string' },
        concurrency: { type: 'string' },
        rate: { type: 'string' },
        duration: { type: 'string' },
        compare: { type: 'boolean' },
        target: { type: 'string' },
        warmup: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new BenchOptionsError((error as Error).message);
  }
  if (values.help) return null;

  const bookings = whole('bookings', values.bookings, DEFAULTS.bookings, 1, LIMITS.bookings);
  const concurrency = whole('concurrency', values.concurrency, DEFAULTS.concurrency, 1, LIMITS.concurrency);
  const warmup = whole('warmup', values.warmup, DEFAULTS.warmup, 0, LIMITS.warmup);
  const rate = positive('rate', values.rate, LIMITS.rate);
  const durationS = positive('duration', values.duration, LIMITS.durationS);
  const target = (values.target ?? 'both') as TargetChoice;
  if (!TARGETS.includes(target)) throw new BenchOptionsError(`--target takes one of ${TARGETS.join(', ')}`);
  if (values.compare && rate !== undefined) throw new BenchOptionsError('--compare picks its own rate: leave out --rate');
  if (values.compare && target !== 'both') throw new BenchOptionsError('--compare measures both sides: leave out --target');

  if (rate !== undefined) {
    // With --duration, the timetable is R x S bookings long, never more than --bookings allows.
    const timed = durationS === undefined ? bookings : Math.max(1, Math.floor(rate * durationS));
    const cap = values.bookings === undefined ? LIMITS.bookings : bookings;
    return { mode: { kind: 'open', bookings: boundedTimetable(Math.min(timed, cap), rate), rate }, target, warmup };
  }
  const bounded = { bookings, concurrency, durationS: durationS ?? LIMITS.durationS };
  return { mode: { kind: values.compare ? 'compare' : 'closed', ...bounded }, target, warmup };
}
