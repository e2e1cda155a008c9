import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BusyQuery, CalendarEventRef, CalendarEventSpec, CalendarProvider, Interval } from '../../src/providers/calendar/calendar-provider';
import type { ExternalCalendar } from '../../src/providers/calendar/external-calendar';
import { ResourceCalendarRouter } from '../../src/providers/calendar/resource-calendar-router';
import { ProviderFailure, isProviderFailure } from '../../src/providers/provider-failure';
import { createLogger } from '../../src/logging/logger';

/** Records what reached it; a stand-in for the local calendar and for a real calendar service. */
class Recorder implements CalendarProvider, ExternalCalendar {
  readonly calls: string[] = [];
  busyAnswer: Interval[] = [];
  failBusy: Error | null = null;
  constructor(readonly name: string) {}
  createEvent(a: CalendarEventSpec | string, b?: CalendarEventSpec): Promise<{ eventId: string }> {
    this.calls.push(`create ${typeof a === 'string' ? a : '-'} ${(b ?? (a as CalendarEventSpec)).bookingId}`);
    return Promise.resolve({ eventId: this.name === 'local' ? 'evt_1' : 'ext_1' });
  }
  moveEvent(a: string | (CalendarEventRef & { start: Date; end: Date }), b?: CalendarEventRef): Promise<void> {
    this.calls.push(`move ${typeof a === 'string' ? a : '-'} ${(b ?? (a as CalendarEventRef)).eventId}`);
    return Promise.resolve();
  }
  deleteEvent(a: string | CalendarEventRef, b?: CalendarEventRef): Promise<void> {
    this.calls.push(`delete ${typeof a === 'string' ? a : '-'} ${(b ?? (a as CalendarEventRef)).eventId}`);
    return Promise.resolve();
  }
  busy(a: string | BusyQuery): Promise<Interval[]> {
    this.calls.push(`busy ${typeof a === 'string' ? a : a.resourceId}`);
    return this.failBusy ? Promise.reject(this.failBusy) : Promise.resolve(this.busyAnswer);
  }
}

function setup(bindings: Record<string, string | null>, busyTtlMs = 60_000) {
  const local = new Recorder('local');
  const external = new Recorder('caldav');
  let clock = 0;
  let lookups = 0;
  const router = new ResourceCalendarRouter({
    local,
    external,
    calendarIdOf: (id) => {
      lookups++;
      return Promise.resolve(bindings[id] ?? null);
    },
    logger: createLogger('error'),
    busyTtlMs,
    now: () => clock,
  });
  return { router, local, external, lookups: () => lookups, advance: (ms: number) => (clock += ms) };
}

const spec = (resourceId: string): CalendarEventSpec => ({ bookingId: 'bk_1', idempotencyKey: 'bk_1:calendar', resourceId, start: new Date(0), end: new Date(1), summary: 's', description: 'd', attendeeEmail: 'a@b.c' });

describe('the resource calendar router', () => {
  it('writes a resource’s events to the calendar it names, and a resource without one to the local calendar', async () => {
    const { router, local, external } = setup({ res_bound: 'https://dav/alex/' });
    await router.createEvent(spec('res_bound'));
    await router.createEvent(spec('res_plain'));
    assert.deepEqual(external.calls, ['create https://dav/alex/ bk_1']);
    assert.deepEqual(local.calls, ['create - bk_1']);
  });

  it('keeps an event the local calendar made in the local calendar, even after the resource was given a real one', async () => {
    const { router, local, external } = setup({ res_bound: 'https://dav/alex/' });
    await router.deleteEvent({ eventId: 'evt_old', resourceId: 'res_bound' });
    await router.moveEvent({ eventId: 'evt_old', resourceId: 'res_bound', start: new Date(0), end: new Date(1) });
    await router.deleteEvent({ eventId: null, idempotencyKey: 'bk_1:calendar', resourceId: 'res_bound' });
    assert.deepEqual(local.calls, ['delete - evt_old', 'move - evt_old']);
    assert.deepEqual(external.calls, ['delete https://dav/alex/ null']);
  });

  it('reuses a calendar’s busy times for the cache time, asks again after it, and always when asked for a fresh answer', async () => {
    const { router, external, advance, lookups } = setup({ res_bound: 'cal' });
    external.busyAnswer = [{ start: new Date(Date.UTC(2026, 11, 7, 10)), end: new Date(Date.UTC(2026, 11, 7, 11)) }];
    const q = { resourceId: 'res_bound', from: new Date(Date.UTC(2026, 11, 7, 8)), to: new Date(Date.UTC(2026, 11, 7, 12)) };
    await router.busy(q);
    await router.busy({ ...q, from: new Date(Date.UTC(2026, 11, 7, 9)) });
    assert.equal(external.calls.length, 1);
    await router.busy({ ...q, fresh: true });
    assert.equal(external.calls.length, 2);
    advance(61_000);
    await router.busy(q);
    assert.equal(external.calls.length, 3);
    // Cached 30 s for availability; the fresh question read it again (at 0 s), and 61 s later it is read once more.
    assert.equal(lookups(), 3);
    // Only what overlaps the question comes back.
    assert.deepEqual(await router.busy({ ...q, to: new Date(Date.UTC(2026, 11, 7, 10)) }), []);
  });

  it('writes to the calendar an admin just named, while the booking page may still use the cached binding', async () => {
    const bindings: Record<string, string | null> = { res_bound: null };
    const { router, local, external } = setup(bindings);
    await router.busy({ resourceId: 'res_bound', from: new Date(0), to: new Date(1000) });
    bindings.res_bound = 'https://dav/alex/';
    await router.createEvent(spec('res_bound'));
    await router.busy({ resourceId: 'res_bound', from: new Date(0), to: new Date(1000), fresh: true });
    assert.deepEqual(external.calls, ['create https://dav/alex/ bk_1', 'busy https://dav/alex/']);
    assert.deepEqual(local.calls, ['busy res_bound']);
  });

  it('drops a calendar’s cached busy times once the product wrote to it, so a freed slot is offered again at once', async () => {
    const { router, external } = setup({ res_bound: 'cal' });
    const q = { resourceId: 'res_bound', from: new Date(Date.UTC(2026, 11, 7, 8)), to: new Date(Date.UTC(2026, 11, 7, 12)) };
    external.busyAnswer = [{ start: new Date(Date.UTC(2026, 11, 7, 10)), end: new Date(Date.UTC(2026, 11, 7, 11)) }];
    assert.equal((await router.busy(q)).length, 1);
    external.busyAnswer = [];
    await router.deleteEvent({ eventId: 'ext_1', resourceId: 'res_bound' });
    assert.deepEqual(await router.busy(q), []);
    assert.deepEqual(external.calls, ['busy cal', 'delete cal ext_1', 'busy cal']);
  });

  it('never keeps a failed answer, and hands on any failure as a ProviderFailure', async () => {
    const { router, external } = setup({ res_bound: 'cal' });
    external.failBusy = new Error('socket hang up');
    const q = { resourceId: 'res_bound', from: new Date(0), to: new Date(1000) };
    await assert.rejects(router.busy(q), (e) => isProviderFailure(e, 'transient'));
    external.failBusy = new ProviderFailure('auth', 'bad password', { provider: 'caldav' });
    await assert.rejects(router.busy(q), (e) => isProviderFailure(e, 'auth'));
    external.failBusy = null;
    assert.deepEqual(await router.busy(q), []);
  });
});
