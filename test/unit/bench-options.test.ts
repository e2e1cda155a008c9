import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { BenchOptionsError, LIMITS, boundedTimetable, parseBenchOptions } from '../bench/bench-options';

describe('bench options', () => {
  it('runs a closed loop of 200 bookings with 10 clients on both sides when asked nothing', () => {
    assert.deepEqual(parseBenchOptions([]), {
      mode: { kind: 'closed', bookings: 200, concurrency: 10, durationS: LIMITS.durationS },
      target: 'both',
      warmup: 20,
    });
  });

  it('turns --rate into an open loop as long as --bookings', () => {
    assert.deepEqual(parseBenchOptions(['--rate', '12.5', '--bookings', '300'])?.mode, { kind: 'open', bookings: 300, rate: 12.5 });
  });

  it('sizes an open loop by --duration, never past an explicit --bookings', () => {
    assert.deepEqual(parseBenchOptions(['--rate', '10', '--duration', '30'])?.mode, { kind: 'open', bookings: 300, rate: 10 });
    assert.deepEqual(parseBenchOptions(['--rate', '10', '--duration', '30', '--bookings', '50'])?.mode, { kind: 'open', bookings: 50, rate: 10 });
  });

  it('never lets a slow timetable run past the time limit', () => {
    assert.equal(boundedTimetable(5000, 0.5), 0.5 * LIMITS.durationS);
    assert.deepEqual(parseBenchOptions(['--rate', '0.1', '--bookings', '5000'])?.mode, { kind: 'open', bookings: 60, rate: 0.1 });
  });

  it('bounds a closed loop by --duration', () => {
    assert.deepEqual(parseBenchOptions(['--duration', '20', '--concurrency', '4'])?.mode, { kind: 'closed', bookings: 200, concurrency: 4, durationS: 20 });
  });

  it('compares both sides, and refuses a rate or a single side with it', () => {
    assert.equal(parseBenchOptions(['--compare'])?.mode.kind, 'compare');
    assert.throws(() => parseBenchOptions(['--compare', '--rate', '5']), BenchOptionsError);
    assert.throws(() => parseBenchOptions(['--compare', '--target', 'noop']), BenchOptionsError);
  });

  it('refuses counts and rates outside their limits, and unknown flags', () => {
    for (const args of [['--bookings', '0'], ['--bookings', '5001'], ['--concurrency', '1.5'], ['--rate', '0'], ['--rate', 'fast'], ['--duration', '601'], ['--target', 'mars'], ['--turbo']]) {
      assert.throws(() => parseBenchOptions(args), BenchOptionsError, args.join(' '));
    }
  });

  it('asks for the usage with --help', () => {
    assert.equal(parseBenchOptions(['--help']), null);
  });
});
