import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { JourneyResult } from '../bench/booking-journey';
import { countEventTypes } from '../bench/event-shape';
import { timetableOffsetMs } from '../bench/load-loops';
import { assertLoopback } from '../bench/loopback';
import { noopSlots } from '../bench/noop-slots';
import { formatAims, formatComparison, ratio } from '../bench/report';
import { summarizeRun } from '../bench/run-summary';

const journey = (over: Partial<JourneyResult>): JourneyResult => ({
  sendLagMs: 0, createMs: null, paidMs: null, confirmedMs: null, confirmedAt: null, bookingId: null, failure: null, ...over,
});

describe('bench figures', () => {
  it('counts bookings per second from the first booking due to the last one confirmed', () => {
    const summary = summarizeRun(
      {
        startedAt: 1000,
        results: [
          journey({ createMs: 10, confirmedMs: 100, confirmedAt: 1100, bookingId: 'a' }),
          journey({ createMs: 30, confirmedMs: 1500, confirmedAt: 3000, bookingId: 'b' }),
          journey({ createMs: 20, failure: 'create 409' }),
        ],
      },
      9999,
    );
    assert.equal(summary.attempted, 3);
    assert.equal(summary.confirmed, 2);
    assert.equal(summary.elapsedS, 2);
    assert.equal(summary.confirmedPerS, 1);
    assert.deepEqual(summary.create, { p50: 20, p99: 30, max: 30 });
    assert.deepEqual(summary.failures, { 'create 409': 1 });
  });

  it('puts the product over the no-op, and reports the aims without asserting them', () => {
    assert.equal(ratio(8, 10), 0.8);
    assert.equal(ratio(8, 0), null);
    assert.equal(ratio(undefined, 10), null);
    const [, throughput, latency] = formatAims(0.5, 1.2, 20);
    assert.match(throughput!, /0\.50x\s+NOT met/);
    assert.match(latency!, /at 20\.0\/s .* 1\.20x\s+met/);
  });

  it('prints one side alone with dashes where the other would be', () => {
    const noop = summarizeRun({ startedAt: 0, results: [journey({ createMs: 5, confirmedMs: 50, confirmedAt: 500, bookingId: 'n' })] }, 1);
    const lines = formatComparison({ title: 'run', noop });
    assert.match(lines.find((l) => l.includes('bookings/s'))!, /-\s+2\.0\s+-$/);
  });

  it('lays the open-loop timetable out at the rate asked', () => {
    assert.deepEqual([0, 1, 2, 10].map((i) => timetableOffsetMs(i, 4)), [0, 250, 500, 2500]);
  });

  it('counts a history by event type, telling local activities from patch markers', () => {
    const marker = (markerName: string) => ({ eventType: 'EVENT_TYPE_MARKER_RECORDED', markerRecordedEventAttributes: { markerName } });
    const upsert = (...names: string[]) => ({
      eventType: 'EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES',
      upsertWorkflowSearchAttributesEventAttributes: { searchAttributes: { indexedFields: Object.fromEntries(names.map((n) => [n, {}])) } },
    });
    const json = JSON.stringify({
      events: [marker('core_local_activity'), marker('core_local_activity'), marker('core_patch'), upsert('TemporalChangeVersion'), upsert('BookingStatus', 'BookingStart'), { eventType: 'EVENT_TYPE_TIMER_STARTED' }],
    });
    assert.deepEqual(countEventTypes(json), {
      total: 6,
      MARKER_RECORDED: 3,
      'MARKER_RECORDED:core_local_activity': 2,
      'MARKER_RECORDED:core_patch': 1,
      UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: 2,
      'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:TemporalChangeVersion': 1,
      TIMER_STARTED: 1,
    });
  });

  it('gives the no-op distinct quarter hours from tomorrow on', () => {
    const now = Date.parse('2030-01-01T10:07:00Z');
    const slots = noopSlots(3, now);
    assert.deepEqual(slots.map((s) => s.start), ['2030-01-02T10:15:00.000Z', '2030-01-02T10:30:00.000Z', '2030-01-02T10:45:00.000Z']);
  });

  it('talks to this machine only', () => {
    assert.equal(assertLoopback('http://127.0.0.1:3000/v1'), 'http://127.0.0.1:3000/v1');
    assert.doesNotThrow(() => assertLoopback('http://localhost:8080'));
    assert.throws(() => assertLoopback('https://api.example.com/v1/bookings'), /127\.0\.0\.1 only/);
  });
});
