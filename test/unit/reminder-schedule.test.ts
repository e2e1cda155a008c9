import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MessageStep } from '../../workflows/contract';
import { pendingReminders } from '../../workflows/state/reminder-schedule';

const reminderKey = MessageStep.reminder;

const start = '2026-12-10T09:00:00.000Z';
const startMs = Date.parse(start);
const MINUTE = 60_000;

describe('reminder schedule', () => {
  it('schedules each offset before the start, earliest first', () => {
    const reminders = pendingReminders({ start, offsetsMinutes: [60, 1440], since: startMs - 3 * 1440 * MINUTE, revision: 0, sentKeys: new Set() });
    assert.deepEqual(reminders, [
      { offsetMinutes: 1440, dueAt: startMs - 1440 * MINUTE, key: 'reminder-1440m-r0' },
      { offsetMinutes: 60, dueAt: startMs - 60 * MINUTE, key: 'reminder-60m-r0' },
    ]);
  });

  it('skips a reminder already past when the booking is made, rather than sending it late', () => {
    const reminders = pendingReminders({ start, offsetsMinutes: [1440, 60], since: startMs - 5 * 60 * MINUTE, revision: 0, sentKeys: new Set() });
    assert.deepEqual(reminders.map((r) => r.offsetMinutes), [60]);
  });

  it('skips reminders already sent for this revision, but not for an earlier one', () => {
    const since = startMs - 3 * 1440 * MINUTE;
    const sentKeys = new Set([reminderKey(1440, 1), reminderKey(60, 0)]);
    const reminders = pendingReminders({ start, offsetsMinutes: [1440, 60], since, revision: 1, sentKeys });
    assert.deepEqual(reminders.map((r) => r.key), ['reminder-60m-r1']);
  });

  it('ignores duplicate and non-positive offsets', () => {
    const reminders = pendingReminders({ start, offsetsMinutes: [60, 60, 0, -5], since: 0, revision: 0, sentKeys: new Set() });
    assert.deepEqual(reminders.map((r) => r.offsetMinutes), [60]);
  });
});
