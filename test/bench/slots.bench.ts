/**
 * `npm run bench:slots`: the pure availability computation (working windows and free slots, after the
 * reads) for the two shapes of issue 7, measured against the computation it replaced (the scan per
 * candidate, kept in slots-baseline.ts) in the same run. It prints figures and never asserts a time:
 * on a shared machine compare the ratio of one run, not figures across runs.
 *
 *   1 resource × 30 days × 500 busy intervals, and 50 resources × 14 days × 40 busy intervals each;
 *   08:00–20:00 daily, 30-minute appointments on a 15-minute grid, buffers 5 and 10, Europe/Berlin.
 *
 * `--runs N` (default 200) sets the timed runs per side; `--http` adds GET /v1/availability over HTTP
 * (test/bench/slots-http.ts).
 */
import { performance } from 'node:perf_hooks';
import { slotsForResources } from '../../src/availability/slots-for-resources';
import type { Resource, Service } from '../../src/catalog/catalog.types';
import type { Interval } from '../../src/providers/calendar/calendar-provider';
import { percentile } from './percentile';
import { baselineSlots } from './slots-baseline';
import { runHttpBench } from './slots-http';
import { benchResources, benchService, randomBusy } from './slots-fixtures';

interface Case {
  name: string;
  service: Service;
  resources: Resource[];
  busy: Map<string, Interval[]>;
  from: Date;
  to: Date;
  now: Date;
}

function makeCase(name: string, resourceCount: number, days: number, busyPerResource: number): Case {
  const now = new Date('2026-11-30T06:00:00Z');
  const from = new Date('2026-12-01T00:00:00Z');
  const to = new Date(from.getTime() + days * 24 * 60 * 60_000);
  const resources = benchResources(resourceCount);
  const busy = new Map(resources.map((r, i) => [r.id, randomBusy(i + 1, busyPerResource, from, to)]));
  return { name, service: benchService(), resources, busy, from, to, now };
}

function time(runs: number, body: () => unknown): number[] {
  for (let i = 0; i < Math.min(20, runs); i++) body();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    body();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b);
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 200;
  const cases = [makeCase('1 resource × 30 days × 500 busy', 1, 30, 500), makeCase('50 resources × 14 days × 40 busy', 50, 14, 40)];
  console.log(`bench:slots — ${runs} timed runs per side, Node ${process.version}`);
  for (const c of cases) {
    const product = () => slotsForResources({ service: c.service, resources: c.resources.map((resource) => ({ resource, busy: c.busy.get(resource.id) ?? [] })), from: c.from, to: c.to, now: c.now });
    const baseline = () => baselineSlots(c.service, c.resources, c.busy, c.from, c.to, c.now);
    const same = JSON.stringify(product()) === JSON.stringify(baseline());
    const p = time(runs, product);
    const b = time(runs, baseline);
    console.log(`\n${c.name}: ${product().length} free slots${same ? '' : '  (!) the product and the baseline disagree'}`);
    console.log(`  product   p50 ${ms(percentile(p, 50))}  p95 ${ms(percentile(p, 95))}  max ${ms(p[p.length - 1] ?? 0)}`);
    console.log(`  baseline  p50 ${ms(percentile(b, 50))}  p95 ${ms(percentile(b, 95))}  max ${ms(b[b.length - 1] ?? 0)}`);
    console.log(`  p95 product / baseline: ${(percentile(p, 95) / percentile(b, 95)).toFixed(3)}`);
  }
  if (process.argv.includes('--http')) await runHttpBench();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
