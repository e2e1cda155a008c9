import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { devServerArgs } from '../../src/dev/temporal-dev-server';
import { needsServers, parseTapSummary } from '../support/test-files';

describe('starting the Temporal dev server', () => {
  it('keeps workflows in a file and serves the Web UI for `npm start`', () => {
    const args = devServerArgs({ port: 7233, uiPort: 8233, dbFilename: '/data/temporal.db' });
    assert.deepEqual(args.slice(0, 8), ['server', 'start-dev', '--ip', '127.0.0.1', '--port', '7233', '--ui-port', '8233']);
    assert.ok(args.join(' ').includes('--db-filename /data/temporal.db'));
    assert.ok(!args.includes('--headless'));
  });

  it('runs headless and in memory for tests, with updates, update-with-start and the booking search attributes', () => {
    const line = devServerArgs({ port: 40000 }).join(' ');
    assert.match(line, /--headless/);
    assert.doesNotMatch(line, /--db-filename/);
    for (const flag of [
      '--dynamic-config-value frontend.enableUpdateWorkflowExecution=true',
      '--dynamic-config-value frontend.enableExecuteMultiOperation=true',
      '--dynamic-config-value frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
      '--search-attribute BookingStatus=Keyword',
      '--search-attribute BookingResourceId=Keyword',
      '--search-attribute BookingStart=Datetime',
    ]) {
      assert.ok(line.includes(flag), flag);
    }
  });
});

describe('the test runner', () => {
  it('starts servers only when a test outside test/unit is selected', () => {
    assert.equal(needsServers(['test/unit/a.test.ts', 'test/unit/b.test.ts']), false);
    assert.equal(needsServers(['test/unit/a.test.ts', 'test/workflow/timers.test.ts']), true);
  });

  it("reads the pass and fail counts from node's TAP summary, counting cancelled tests as failures", () => {
    const tap = ['TAP version 13', 'ok 1 - a', '# tests 5', '# suites 1', '# pass 3', '# fail 1', '# cancelled 1', '# skipped 0', '# todo 0', '# duration_ms 12.5'].join('\n');
    const summary = parseTapSummary(tap);
    assert.equal(summary.pass, 3);
    assert.equal(summary.fail, 2);
    assert.equal(summary.lines[0], '# tests 5');
    assert.equal(summary.lines.length, 8);
  });
});
