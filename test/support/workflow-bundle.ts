import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleWorkflowCode, type WorkflowBundleOption } from '@temporalio/worker';
import type { Logger } from '@temporalio/common';

const WORKFLOWS = require.resolve('../../workflows');

/** Webpack's report says nothing a test reader needs. */
const silent: Logger = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Bundles the workflow code once for the whole test run (run-tests.ts): on 2 cores, bundling in every
 * test file that starts a worker cost seconds each. The file's path reaches the tests as
 * TEST_WORKFLOW_BUNDLE_PATH.
 */
export async function writeWorkflowBundle(folder: string): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS, logger: silent });
  const path = join(folder, 'workflow-bundle.js');
  await writeFile(path, code);
  return path;
}

/** The run's bundle; a test file run on its own (no runner) bundles for itself. */
export async function sharedWorkflowBundle(env: NodeJS.ProcessEnv = process.env): Promise<WorkflowBundleOption> {
  const codePath = env.TEST_WORKFLOW_BUNDLE_PATH;
  if (codePath) return { codePath };
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS, logger: silent });
}
