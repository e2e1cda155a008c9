/**
 * How the CalDAV provider treats the server when availability asks every resource's calendar at once:
 * a few requests at a time over connections it keeps, and a deadline per calendar, so a calendar that
 * never answers fails alone. Against a small local server (test/support/servers/caldav-stand-in.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CalDavCalendar } from '../../src/providers/calendar/caldav/caldav-calendar';
import { isProviderFailure } from '../../src/providers/provider-failure';
import { type CalDavStandIn, startCalDavStandIn } from '../support/servers/caldav-stand-in';

const from = new Date('2026-12-01T00:00:00Z');
const to = new Date('2026-12-15T00:00:00Z');
const calendars = (count: number, under = 'bookings') => Array.from({ length: count }, (_, i) => `/${under}/cal-${i}/`);

describe('CalDAV requests when every resource asks at once', () => {
  let standIn: CalDavStandIn;
  before(async () => {
    standIn = await startCalDavStandIn({ delayMs: 20 });
  });
  after(() => standIn.close());

  it('asks about four calendars at a time, however many resources ask together, and one calendar client serves them all', async () => {
    const calendar = new CalDavCalendar({ serverUrl: standIn.url, username: 'u', password: 'p', publicBaseUrl: 'https://x' });
    const first = await Promise.all(calendars(30).map((id) => calendar.busy(id, from, to)));
    const second = await Promise.all(calendars(30).map((id) => calendar.busy(id, from, to)));
    assert.deepEqual([...first, ...second], Array.from({ length: 60 }, () => []));
    assert.equal(standIn.requests, 60);
    assert.ok(standIn.maxInFlight <= 4, `at most 4 requests in flight, saw ${standIn.maxInFlight}`);
  });

  it('gives up on a calendar that never answers after its deadline, and reads the others meanwhile', async () => {
    const calendar = new CalDavCalendar({ serverUrl: standIn.url, username: 'u', password: 'p', publicBaseUrl: 'https://x', timeoutMs: 800, maxConcurrentRequests: 2 });
    const abandonedBefore = standIn.abandoned;
    const [silent, ...others] = await Promise.allSettled([calendar.busy('/silent/cal/', from, to), ...calendars(10).map((id) => calendar.busy(id, from, to))]);
    assert.equal(silent?.status, 'rejected');
    assert.ok(silent?.status === 'rejected' && isProviderFailure(silent.reason, 'transient'), String(silent?.status === 'rejected' ? silent.reason : ''));
    assert.match(String((silent as PromiseRejectedResult).reason.message), /did not answer in time/);
    assert.deepEqual(others.map((r) => r.status), Array.from({ length: 10 }, () => 'fulfilled'));
    // The client drops the silent request's connection; the server sees it close a moment later.
    for (let wait = 0; wait < 50 && standIn.abandoned === abandonedBefore; wait++) await sleep(20);
    assert.equal(standIn.abandoned, abandonedBefore + 1, 'the silent request was dropped, not left open');
  });

  it('fails the calls still waiting for their turn when the deadline passes, without sending them', async () => {
    const calendar = new CalDavCalendar({ serverUrl: standIn.url, username: 'u', password: 'p', publicBaseUrl: 'https://x', timeoutMs: 500, maxConcurrentRequests: 1 });
    const requestsBefore = standIn.requests;
    const answers = await Promise.allSettled([calendar.busy('/silent/cal-a/', from, to), calendar.busy('/bookings/cal-b/', from, to)]);
    assert.deepEqual(answers.map((a) => a.status === 'rejected' && isProviderFailure(a.reason, 'transient')), [true, true]);
    assert.equal(standIn.requests, requestsBefore + 1, 'the second calendar never got its turn, so it was never asked');
  });
});
