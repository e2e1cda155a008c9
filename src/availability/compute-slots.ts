import type { Slot } from '../catalog/catalog.types';
import type { Interval } from '../providers/calendar/calendar-provider';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** The parts of a service that shape its slots. */
export interface SlotRules {
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  maxAdvanceDays: number;
  slotStepMinutes: number;
}

export interface ComputeSlotsInput {
  resourceId: string;
  windows: Interval[];
  rules: SlotRules;
  /** Slots that start in [from, to). */
  from: Date;
  to: Date;
  now: Date;
  /** Time the resource is taken (holds incl. their buffers, calendar events). */
  busy: Interval[];
}

/** Every start the schedule offers: a step grid from each window's start, where the appointment fits the window. */
export function candidateStarts(windows: Interval[], rules: Pick<SlotRules, 'durationMinutes' | 'slotStepMinutes'>): number[] {
  const durationMs = rules.durationMinutes * MINUTE_MS;
  const stepMs = rules.slotStepMinutes * MINUTE_MS;
  if (durationMs <= 0 || stepMs <= 0) return [];
  const starts = new Set<number>();
  for (const window of windows) {
    for (let t = window.start.getTime(); t + durationMs <= window.end.getTime(); t += stepMs) starts.add(t);
  }
  return [...starts].sort((a, b) => a - b);
}

/** Whether a start respects minimum notice and the booking horizon, seen from `now`. */
export function withinBookingPeriod(start: number, rules: Pick<SlotRules, 'minNoticeMinutes' | 'maxAdvanceDays'>, now: Date): boolean {
  return start >= now.getTime() + rules.minNoticeMinutes * MINUTE_MS && start <= now.getTime() + rules.maxAdvanceDays * DAY_MS;
}

/**
 * Busy time as a flat list `[start0, end0, start1, end1, ...]` of disjoint intervals sorted by start
 * (overlapping and touching ones joined), which lets `freeStarts` sweep it once.
 */
export function mergeBusy(busy: readonly Interval[]): number[] {
  const pairs = busy.map((b) => [b.start.getTime(), b.end.getTime()] as const).filter(([s, e]) => e > s);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [s, e] of pairs) {
    const last = out.length - 1;
    if (last > 0 && s <= (out[last] as number)) out[last] = Math.max(out[last] as number, e);
    else out.push(s, e);
  }
  return out;
}

export interface FreeStartsInput {
  /** Working windows, flat and sorted (`workingWindowMillis`). */
  windows: readonly number[];
  rules: SlotRules;
  fromMs: number;
  toMs: number;
  nowMs: number;
  /** Busy time, flat, disjoint and sorted (`mergeBusy`). */
  busy: readonly number[];
}

/**
 * Free slot starts (epoch ms, ascending) in one sweep: candidates rise, so the first busy interval
 * that could still reach a candidate only moves forward; each candidate costs a comparison or two
 * instead of a scan of every busy interval. The buffers must be free too: they are what the hold takes.
 */
export function freeStarts(input: FreeStartsInput): number[] {
  const { rules, windows, busy } = input;
  const durationMs = rules.durationMinutes * MINUTE_MS;
  const stepMs = rules.slotStepMinutes * MINUTE_MS;
  if (durationMs <= 0 || stepMs <= 0) return [];
  const beforeMs = rules.bufferBeforeMinutes * MINUTE_MS;
  const afterMs = rules.bufferAfterMinutes * MINUTE_MS;
  const lowest = Math.max(input.fromMs, input.nowMs + rules.minNoticeMinutes * MINUTE_MS);
  const highestExclusive = Math.min(input.toMs, input.nowMs + rules.maxAdvanceDays * DAY_MS + 1);

  const out: number[] = [];
  let last = Number.NEGATIVE_INFINITY;
  let b = 0;
  for (let w = 0; w < windows.length; w += 2) {
    const windowStart = windows[w] as number;
    const windowEnd = windows[w + 1] as number;
    // Skip the grid points before the range without walking them.
    let t = windowStart < lowest ? windowStart + Math.ceil((lowest - windowStart) / stepMs) * stepMs : windowStart;
    for (; t + durationMs <= windowEnd && t < highestExclusive; t += stepMs) {
      if (t <= last) continue;
      const takenFrom = t - beforeMs;
      const takenTo = t + durationMs + afterMs;
      while (b < busy.length && (busy[b + 1] as number) <= takenFrom) b += 2;
      if (b < busy.length && (busy[b] as number) < takenTo) continue;
      out.push(t);
      last = t;
    }
  }
  return out;
}

/** Free slots for one resource, sorted by start. */
export function computeSlots(input: ComputeSlotsInput): Slot[] {
  const windows: number[] = [];
  for (const w of [...input.windows].sort((a, b) => a.start.getTime() - b.start.getTime())) windows.push(w.start.getTime(), w.end.getTime());
  const durationMs = input.rules.durationMinutes * MINUTE_MS;
  const starts = freeStarts({ windows, rules: input.rules, fromMs: input.from.getTime(), toMs: input.to.getTime(), nowMs: input.now.getTime(), busy: mergeBusy(input.busy) });
  return starts.map((t) => ({ start: new Date(t).toISOString(), end: new Date(t + durationMs).toISOString(), resourceId: input.resourceId }));
}
