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

/** Free slots for one resource, sorted by start. */
export function computeSlots(input: ComputeSlotsInput): Slot[] {
  const { rules } = input;
  const durationMs = rules.durationMinutes * MINUTE_MS;
  const beforeMs = rules.bufferBeforeMinutes * MINUTE_MS;
  const afterMs = rules.bufferAfterMinutes * MINUTE_MS;
  const busy = input.busy.map((b) => [b.start.getTime(), b.end.getTime()] as const);

  const slots: Slot[] = [];
  for (const start of candidateStarts(input.windows, rules)) {
    if (start < input.from.getTime() || start >= input.to.getTime()) continue;
    if (!withinBookingPeriod(start, rules, input.now)) continue;
    // The buffers must be free too: they are what the hold will take.
    const takenFrom = start - beforeMs;
    const takenTo = start + durationMs + afterMs;
    if (busy.some(([s, e]) => s < takenTo && takenFrom < e)) continue;
    slots.push({ start: new Date(start).toISOString(), end: new Date(start + durationMs).toISOString(), resourceId: input.resourceId });
  }
  return slots;
}
