import type { Instant } from '../contract/booking-types';
import { MessageStep } from '../contract/idempotency-keys';

export interface Reminder {
  offsetMinutes: number;
  /** Epoch milliseconds the reminder is due. */
  dueAt: number;
  /** Notification key: one per offset and booking revision, so a reschedule sends them again. */
  key: string;
}

export interface ReminderScheduleInput {
  start: Instant;
  offsetsMinutes: readonly number[];
  /** Epoch ms the schedule is armed (confirmation or reschedule); reminders due at or before it are skipped. */
  since: number;
  revision: number;
  sentKeys: ReadonlySet<string>;
}

/** Reminders still to send for this revision, earliest first. A reminder already past when armed is skipped, not sent late. */
export function pendingReminders(input: ReminderScheduleInput): Reminder[] {
  const start = Date.parse(input.start);
  const offsets = [...new Set(input.offsetsMinutes)].filter((offset) => offset > 0);
  return offsets
    .map((offsetMinutes) => ({
      offsetMinutes,
      dueAt: start - offsetMinutes * 60_000,
      key: MessageStep.reminder(offsetMinutes, input.revision),
    }))
    .filter((reminder) => reminder.dueAt > input.since && !input.sentKeys.has(reminder.key))
    .sort((a, b) => a.dueAt - b.dueAt);
}
