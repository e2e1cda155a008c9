/** Prints runs side by side: the product, the no-op, and product / no-op. */
import type { RunSummary } from './run-summary';

export interface Comparison {
  title: string;
  product?: RunSummary | undefined;
  noop?: RunSummary | undefined;
}

/** Product over no-op, or null when either side is missing or zero. */
export function ratio(product: number | undefined, noop: number | undefined): number | null {
  if (product === undefined || noop === undefined || noop === 0) return null;
  return product / noop;
}

const num = (v: number | undefined, digits = 1): string => (v === undefined ? '-' : v.toFixed(digits));
const times = (r: number | null): string => (r === null ? '-' : `${r.toFixed(2)}x`);

export function formatComparison({ title, product, noop }: Comparison): string[] {
  const rows: [string, (s: RunSummary) => number, number][] = [
    ['bookings/s to CONFIRMED', (s) => s.confirmedPerS, 1],
    ['POST /v1/bookings p50 (ms)', (s) => s.create.p50, 1],
    ['POST /v1/bookings p99 (ms)', (s) => s.create.p99, 1],
    ['POST /v1/bookings max (ms)', (s) => s.create.max, 1],
    ['due -> CONFIRMED p50 (ms)', (s) => s.toConfirmed.p50, 0],
    ['due -> CONFIRMED p99 (ms)', (s) => s.toConfirmed.p99, 0],
    ['client send lag p99 (ms)', (s) => s.sendLag.p99, 1],
  ];
  const line = (label: string, a: string, b: string, c: string) => `  ${label.padEnd(28)}${a.padStart(12)}${b.padStart(12)}${c.padStart(16)}`;
  const out = [title, line('', 'product', 'no-op', 'product/no-op')];
  const count = (s?: RunSummary) => (s ? `${s.confirmed}/${s.attempted}` : '-');
  out.push(line('confirmed/attempted', count(product), count(noop), ''));
  for (const [label, pick, digits] of rows) {
    const p = product ? pick(product) : undefined;
    const n = noop ? pick(noop) : undefined;
    out.push(line(label, num(p, digits), num(n, digits), times(ratio(p, n))));
  }
  for (const [side, s] of [['product', product], ['no-op', noop]] as const) {
    for (const [reason, n] of Object.entries(s?.failures ?? {})) out.push(`  ${side} failed (${reason}): ${n}`);
  }
  return out;
}

/** The two aims, reported (never asserted). */
export function formatAims(throughputRatio: number | null, p99Ratio: number | null, rate: number): string[] {
  const verdict = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? 'met' : 'NOT met');
  return [
    'Aims (issue 5, reported, not asserted):',
    `  throughput: product >= 0.8x the no-op's                   ${times(throughputRatio)}  ${verdict(throughputRatio === null ? null : throughputRatio >= 0.8)}`,
    `  POST /v1/bookings p99 at ${rate.toFixed(1)}/s within 1.5x the no-op's   ${times(p99Ratio)}  ${verdict(p99Ratio === null ? null : p99Ratio <= 1.5)}`,
  ];
}
