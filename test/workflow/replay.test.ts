/**
 * Replays every committed booking history against the current workflow code: a change that would
 * break running bookings (a nondeterministic one, without `patched()`) fails here.
 *
 * The files are the SDK's proto JSON, the format `temporal workflow show -w <id> -o json` prints, so
 * an operator can add the history of a real booking as it is. (`historyFromJSON` needs one copy of
 * protobufjs 8 shared by the @temporalio packages: that is why package.json depends on it directly.)
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type WorkflowBundleOption, Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { sharedWorkflowBundle } from '../support/workflow-bundle';

const HISTORY_DIR = join(__dirname, '..', 'histories');
const files = readdirSync(HISTORY_DIR).filter((file) => file.endsWith('.json')).sort();

describe('replaying recorded booking histories', () => {
  let workflowBundle: WorkflowBundleOption;

  before(async () => {
    workflowBundle = await sharedWorkflowBundle();
  });

  it('has histories to replay', () => {
    assert.ok(files.length >= 4, `expected the recorded histories in ${HISTORY_DIR}, found ${files.length}`);
  });

  for (const file of files) {
    it(`replays ${file} without nondeterminism`, async () => {
      const history = historyFromJSON(JSON.parse(readFileSync(join(HISTORY_DIR, file), 'utf8')));
      await Worker.runReplayHistory({ workflowBundle }, history, file.replace(/\.json$/, ''));
    });
  }
});
