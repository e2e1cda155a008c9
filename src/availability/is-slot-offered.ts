import { type SlotRules, candidateStarts, withinBookingPeriod } from './compute-slots';
import { type Schedule, workingWindows } from './working-windows';

const DAY_MS = 24 * 60 * 60_000;

export type SlotRefusal = 'NOT_ON_SCHEDULE' | 'TOO_SOON' | 'TOO_FAR_AHEAD';

/**
 * Why the schedule does not offer this start (ignoring busy time, which the hold itself checks),
 * or null when it does. Lets the API refuse a made-up start before it starts a workflow.
 */
export function slotRefusal(schedule: Schedule, rules: SlotRules, start: Date, now: Date): SlotRefusal | null {
  const t = start.getTime();
  if (Number.isNaN(t)) return 'NOT_ON_SCHEDULE';
  const windows = workingWindows(schedule, new Date(t - DAY_MS), new Date(t + DAY_MS));
  if (!candidateStarts(windows, rules).includes(t)) return 'NOT_ON_SCHEDULE';
  if (!withinBookingPeriod(t, { ...rules, maxAdvanceDays: Number.POSITIVE_INFINITY }, now)) return 'TOO_SOON';
  if (!withinBookingPeriod(t, { ...rules, minNoticeMinutes: Number.NEGATIVE_INFINITY }, now)) return 'TOO_FAR_AHEAD';
  return null;
}

export function isSlotOffered(schedule: Schedule, rules: SlotRules, start: Date, now: Date): boolean {
  return slotRefusal(schedule, rules, start, now) === null;
}
