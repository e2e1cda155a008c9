import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { devServerArgs } from '../../src/dev/temporal-dev-server';
import { addSummaries, needsServers, parseTapSummary, planInvocations } from '../support/test-files';

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
  it('starts the shared servers only when a test outside test/unit and test/fault is selected', () => {
    assert.equal(needsServers(['test/unit/a.test.ts', 'test/unit/b.test.ts']), false);
    assert.equal(needsServers(['test/unit/a.test.ts', 'test/workflow/timers.test.ts']), true);
    assert.equal(needsServers(['test/fault/fault-suite.test.ts']), false, 'the fault suite brings its own servers');
  });

  it('runs the fault suite last, in a process of its own, one file at a time', () => {
    const plan = planInvocations(['test/fault/fault-suite.test.ts', 'test/unit/a.test.ts', 'test/integration/api.test.ts']);
    assert.deepEqual(
      plan.map((p) => ({ name: p.name, files: p.files, concurrency: p.concurrency, sharedServers: p.sharedServers })),
      [
        { name: 'tests', files: ['test/unit/a.test.ts', 'test/integration/api.test.ts'], concurrency: 2, sharedServers: true },
        { name: 'fault suite', files: ['test/fault/fault-suite.test.ts'], concurrency: 1, sharedServers: false },
      ],
    );
    assert.deepEqual(planInvocations(['test/unit/a.test.ts']).map((p) => p.name), ['tests']);
    assert.deepEqual(planInvocations(['test/fault/fault-suite.test.ts']).map((p) => p.name), ['fault suite']);
  });

  it('adds up the counts of every invocation for the one summary line', () => {
    const tests = parseTapSummary('# pass 40\n# fail 1\n# cancelled 0');
    const fault = parseTapSummary('# pass 5\n# fail 0\n# cancelled 1');
    assert.deepEqual(addSummaries([tests, fault]), { pass: 45, fail: 2 });
    assert.deepEqual(addSummaries([]), { pass: 0, fail: 0 });
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
