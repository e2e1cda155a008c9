/**
 * `npm run bench:api`: books and pays bookings over HTTP and prints bookings per second to CONFIRMED
 * and the latency of `POST /v1/bookings`, for the product and for a no-op workflow of the same event
 * shape, side by side with their ratio, in one run on one Temporal server.
 *
 * The product is the embedded default (`npm start` in a temporary DATA_DIR, started here) or a
 * running system on this machine (BENCH_BASE_URL). The no-op (`noop/`) is its own workflow, bundle,
 * task queue and worker on the product's Temporal server, behind a tiny Express app that mirrors the
 * calls the bench makes: `POST /v1/bookings` is an update-with-start with the product's start
 * options, pay is a signal, `GET /v1/bookings/:id` reads a read model the no-op's `recordTransition`
 * writes (a Map, where the product's is a PostgreSQL table). Each side runs as one Node process with
 * its API and its worker, the load comes from this process, and both sides pay the same HTTP and
 * Temporal client costs: what the product costs beyond the no-op is its own work (catalog and
 * availability checks, idempotency, holds, the payment session and webhook, the read model,
 * calendar and messages in PostgreSQL).
 *
 * The no-op runs before the product in every phase; the product's bookings stay open on their
 * reminder timers and the no-op's complete, which the history comparison at the end shows. Figures
 * are for a reader to judge, never an assertion.
 */
import { Client, Connection } from '@temporalio/client';
import { bookingWorkflowId } from '../../workflows/contract';
import { onShutdownSignal } from '../../src/dev/shutdown-signals';
import { boundedTimetable, BenchOptionsError, LIMITS, parseBenchOptions, USAGE, type BenchOptions } from './bench-options';
import { closedRun, findMaxRate, openRun, RAMP_STEPS, warmUp, type BenchSide } from './bench-side';
import { startBenchStack, type BenchStack } from './bench-stack';
import { startBenchTemporal } from './bench-temporal';
import { formatShapes, historyShape } from './event-shape';
import { assertLoopback } from './loopback';
import { noopSlots } from './noop-slots';
import { noopWorkflowId } from './noop/noop-app';
import { startNoopStack, type NoopStack } from './noop/noop-stack';
import { formatAims, formatComparison, ratio } from './report';
import type { RunSummary } from './run-summary';

type Temporal = Pick<BenchStack, 'temporalAddress' | 'namespace'>;
type Pair = { product?: RunSummary | undefined; noop?: RunSummary | undefined };

/** Runs `run` for each side present, the no-op first. */
async function eachSide(sides: BenchSide[], run: (side: BenchSide) => Promise<RunSummary>): Promise<Pair> {
  const pair: Pair = {};
  const noopFirst = [...sides.filter((s) => s.label === 'no-op'), ...sides.filter((s) => s.label === 'product')];
  for (const side of noopFirst) {
    const summary = await run(side);
    if (side.label === 'product') pair.product = summary;
    else pair.noop = summary;
  }
  return pair;
}

function bookingsNeeded(options: BenchOptions): number {
  const { mode } = options;
  const runs = mode.kind === 'compare' ? RAMP_STEPS + 1 : 1;
  return options.warmup + mode.bookings * runs;
}

async function buildSides(options: BenchOptions, stack: BenchStack | null, noop: NoopStack | null): Promise<BenchSide[]> {
  const wanted = bookingsNeeded(options);
  const sides: BenchSide[] = [];
  if (stack) {
    const { serviceId, resourceIds } = await stack.createFixtures(wanted);
    const slots = await stack.availableSlots(serviceId, resourceIds, wanted);
    if (slots.length < wanted) throw new Error(`only ${slots.length} free slots for ${wanted} bookings`);
    sides.push({ label: 'product', target: { name: 'product', baseUrl: stack.baseUrl, serviceId }, slots, workflowId: bookingWorkflowId, sampleBookingId: null });
  }
  if (noop) {
    sides.push({ label: 'no-op', target: { name: 'no-op', baseUrl: noop.baseUrl, serviceId: 'svc_bench_noop' }, slots: noopSlots(wanted), workflowId: noopWorkflowId, sampleBookingId: null });
  }
  return sides;
}

async function runMode(options: BenchOptions, sides: BenchSide[]): Promise<void> {
  const { mode } = options;
  for (const side of sides) await warmUp(side, options.warmup, mode.kind === 'open' ? 10 : mode.concurrency);
  if (mode.kind === 'closed') {
    const pair = await eachSide(sides, (side) => closedRun(side, mode.bookings, mode.concurrency, mode.durationS));
    print(formatComparison({ title: `\nClosed loop: ${mode.bookings} bookings per side, ${mode.concurrency} clients`, ...pair }));
    if (pair.noop) {
      const half = (pair.noop.confirmedPerS / 2).toFixed(1);
      print([`\nHalf the no-op's rate here is ${half}/s: \`npm run bench:api -- --rate ${half}\` measures both at that load (\`--compare\` finds the maximum first).`]);
    }
    return;
  }
  if (mode.kind === 'open') {
    const pair = await eachSide(sides, (side) => openRun(side, mode.bookings, mode.rate));
    print(formatComparison({ title: `\nOpen loop: ${mode.bookings} bookings per side at ${mode.rate}/s`, ...pair }));
    return;
  }
  const levels: string[] = [];
  const max = await eachSide(sides, async (side) => {
    const found = await findMaxRate(side, mode.bookings, mode.concurrency, mode.durationS, LIMITS.concurrency);
    levels.push(`  ${side.label}: ${found.levels.map((l) => `${l.concurrency} clients ${l.perS.toFixed(1)}/s`).join(', ')} -> max at ${found.concurrency}`);
    return found.summary;
  });
  print(formatComparison({ title: `\n1. Maximum rate (closed loop, ${mode.bookings} bookings per level, best level of each side)`, ...max }));
  print(levels);
  const rate = Math.max(0.1, (max.noop?.confirmedPerS ?? 0) / 2);
  const bookings = boundedTimetable(mode.bookings, rate);
  const half = await eachSide(sides, (side) => openRun(side, bookings, rate));
  print(formatComparison({ title: `\n2. Open loop at half the no-op's maximum: ${rate.toFixed(1)}/s, ${bookings} bookings per side`, ...half }));
  print(['', ...formatAims(ratio(max.product?.confirmedPerS, max.noop?.confirmedPerS), ratio(half.product?.create.p99, half.noop?.create.p99), rate)]);
}

async function printShapes(temporal: Temporal, sides: BenchSide[]): Promise<void> {
  if (!temporal.temporalAddress) return;
  const connection = await Connection.connect({ address: temporal.temporalAddress });
  try {
    const client = new Client({ connection, namespace: temporal.namespace });
    const shape = (label: BenchSide['label']) => {
      const side = sides.find((s) => s.label === label);
      return side?.sampleBookingId ? historyShape(client, side.workflowId(side.sampleBookingId)) : Promise.resolve(null);
    };
    print(['', ...formatShapes(await shape('product'), await shape('no-op'))]);
  } finally {
    await connection.close();
  }
}

function print(lines: string[]): void {
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  let options: BenchOptions | null;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchOptionsError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (!options) {
    console.log(USAGE);
    return;
  }
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch((error: unknown) => console.error(error));
  };
  onShutdownSignal(async () => {
    await stopAll();
    process.exit(130);
  });
  try {
    // The no-op alone needs only a Temporal server; otherwise it runs on the product's.
    let stack: BenchStack | null = null;
    let temporal: Temporal;
    const given = process.env.BENCH_TEMPORAL_ADDRESS;
    if (options.target === 'noop' && given) {
      temporal = { temporalAddress: assertLoopback(`http://${given}`) && given, namespace: process.env.TEMPORAL_NAMESPACE || 'default' };
    } else if (options.target === 'noop') {
      const alone = await startBenchTemporal();
      stops.push(() => alone.stop());
      temporal = alone;
    } else {
      stack = await startBenchStack();
      const started = stack;
      stops.push(() => started.stop());
      temporal = stack;
    }
    let noop: NoopStack | null = null;
    if (options.target !== 'product') {
      if (!temporal.temporalAddress) throw new Error("the no-op needs the product's Temporal server: set BENCH_TEMPORAL_ADDRESS, or --target product");
      noop = await startNoopStack(temporal.temporalAddress, temporal.namespace);
      stops.push(() => noop!.stop());
    }
    const sides = await buildSides(options, stack, noop);
    await runMode(options, sides);
    await printShapes(temporal, sides);
  } finally {
    await stopAll();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
