/**
 * `npm run bench:api`: creates and pays N bookings through the HTTP API of a running system and prints
 * bookings per second to CONFIRMED and the p50/p99 latency of `POST /v1/bookings`.
 *
 * Runs against `BENCH_BASE_URL` (a running `npm start`) or, by default, starts the embedded default
 * itself in a temporary DATA_DIR so it measures the same stack a new user gets.
 */
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { startBenchStack, type BenchStack } from './bench-stack';
import { percentile } from './percentile';

const HELP = `Usage: npm run bench:api -- [--bookings N] [--concurrency C]

  --bookings N      bookings to create and pay (default 200)
  --concurrency C   clients sending requests at once (default 10)

Environment:
  BENCH_BASE_URL    API of a running system (with BENCH_ADMIN_KEY); unset: start the embedded default
  BENCH_ADMIN_KEY   admin key of that system`;

interface Timings {
  createMs: number[];
  confirmedAt: number[];
  failures: Record<string, number>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { bookings: { type: 'string', default: '200' }, concurrency: { type: 'string', default: '10' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const total = Number(values.bookings);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(total) || total < 1 || !Number.isInteger(concurrency) || concurrency < 1) {
    console.error('--bookings and --concurrency take positive whole numbers');
    process.exitCode = 2;
    return;
  }

  const stack = await startBenchStack();
  try {
    await run(stack, total, concurrency);
  } finally {
    await stack.stop();
  }
}

async function run(stack: BenchStack, total: number, concurrency: number): Promise<void> {
  const { serviceId, resourceIds } = await stack.createFixtures(total);
  const slots = await stack.availableSlots(serviceId, resourceIds, total);
  if (slots.length < total) throw new Error(`only ${slots.length} free slots for ${total} bookings`);

  const timings: Timings = { createMs: [], confirmedAt: [], failures: {} };
  const started = performance.now();
  let next = 0;
  const client = async () => {
    while (next < total) {
      const slot = slots[next++]!;
      await bookAndPay(stack, serviceId, slot, timings, started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsedS = (performance.now() - started) / 1000;

  const confirmed = timings.confirmedAt.length;
  const sorted = [...timings.createMs].sort((a, b) => a - b);
  console.log(`bookings:            ${total} (concurrency ${concurrency})`);
  console.log(`confirmed:           ${confirmed}`);
  console.log(`elapsed:             ${elapsedS.toFixed(2)} s`);
  console.log(`bookings/s to CONFIRMED: ${(confirmed / elapsedS).toFixed(1)}`);
  console.log(`POST /v1/bookings p50: ${percentile(sorted, 50).toFixed(1)} ms`);
  console.log(`POST /v1/bookings p99: ${percentile(sorted, 99).toFixed(1)} ms`);
  console.log(`POST /v1/bookings max: ${(sorted.at(-1) ?? 0).toFixed(1)} ms`);
  for (const [reason, count] of Object.entries(timings.failures)) console.log(`failed (${reason}): ${count}`);
}

async function bookAndPay(stack: BenchStack, serviceId: string, slot: { start: string; resourceId: string }, t: Timings, started: number): Promise<void> {
  const body = JSON.stringify({
    serviceId,
    resourceId: slot.resourceId,
    start: slot.start,
    customer: { name: 'Bench Customer', email: `bench-${randomUUID()}@example.com` },
  });
  const t0 = performance.now();
  const res = await fetch(`${stack.baseUrl}/v1/bookings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  t.createMs.push(performance.now() - t0);
  if (res.status !== 201) {
    t.failures[`create ${res.status}`] = (t.failures[`create ${res.status}`] ?? 0) + 1;
    return;
  }
  const created = (await res.json()) as { booking: { id: string }; accessToken: string; checkoutUrl: string | null };
  if (created.checkoutUrl) {
    const pay = await fetch(`${created.checkoutUrl}/pay`, { method: 'POST', headers: { accept: 'application/json' } });
    if (!pay.ok) {
      t.failures[`pay ${pay.status}`] = (t.failures[`pay ${pay.status}`] ?? 0) + 1;
      return;
    }
  }
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const got = await fetch(`${stack.baseUrl}/v1/bookings/${created.booking.id}`, { headers: { authorization: `Bearer ${created.accessToken}` } });
    const { booking } = (await got.json()) as { booking: { status: string } };
    if (booking.status === 'CONFIRMED') {
      t.confirmedAt.push(performance.now() - started);
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  t.failures['not confirmed in 30 s'] = (t.failures['not confirmed in 30 s'] ?? 0) + 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
