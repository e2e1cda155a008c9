import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BinaryNotFoundError } from '../../src/dev/binaries/resolve-binary';
import { onShutdownSignal } from '../../src/dev/shutdown-signals';
import { createStopStack } from '../../src/dev/stop-stack';
import { createLogger } from '../../src/logging/logger';
import { addSummaries, parseTapSummary, planInvocations, selectTestFiles, type TapSummary, type TestInvocation } from './test-files';
import { startTestServers } from './test-servers';
import { writeWorkflowBundle } from './workflow-bundle';

/**
 * `npm test`: starts PostgreSQL and Temporal once for the whole run (only when a test that needs them
 * is selected), runs the files with node's test runner, stops the servers whatever happens, and exits
 * non-zero when any test failed. The fault suite (test/fault/, its own servers) runs afterwards in a
 * second `node --test` process, one file at a time. Usage: run-tests.ts [unit|workflow|integration|fault|<file>...]
 */
const ROOT = resolve(__dirname, '..', '..');
const logger = createLogger((process.env.LOG_LEVEL as 'debug' | undefined) ?? 'warn').child({ component: 'run-tests' });
const stack = createStopStack(logger);
/** The shared servers of the invocation running now; stopped before the fault suite starts. */
let serverStack = createStopStack(logger);
let testProcess: ReturnType<typeof spawn> | undefined;

function runNodeTests(invocation: TestInvocation, env: NodeJS.ProcessEnv, tapFile: string): Promise<number> {
  const args = [
    '--import', 'tsx', '--test', `--test-concurrency=${invocation.concurrency}`, `--test-timeout=${invocation.timeoutMs}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
    ...invocation.files,
  ];
  return new Promise((resolveCode, reject) => {
    testProcess = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' });
    testProcess.once('error', reject);
    testProcess.once('exit', (code, signal) => resolveCode(code ?? (signal ? 1 : 0)));
  });
}

async function runInvocation(invocation: TestInvocation, tapFile: string, shared: NodeJS.ProcessEnv): Promise<{ code: number; summary: TapSummary }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...shared };
  serverStack = createStopStack(logger);
  try {
    if (invocation.sharedServers) {
      const started = Date.now();
      console.log('Starting PostgreSQL and the Temporal dev server for this run...');
      Object.assign(env, await startTestServers(serverStack, logger));
      console.log(`Servers ready in ${Date.now() - started} ms (Temporal ${env.TEST_TEMPORAL_ADDRESS}).`);
    }
    const code = await runNodeTests(invocation, env, tapFile);
    return { code, summary: parseTapSummary(await readFile(tapFile, 'utf8').catch(() => '')) };
  } finally {
    await serverStack.stopAll();
  }
}

async function main(): Promise<number> {
  const files = await selectTestFiles(ROOT, process.argv.slice(2));
  if (files.length === 0) {
    console.log('No test files selected.\n0 passed, 0 failed');
    return 0;
  }
  const workDir = await mkdtemp(join(tmpdir(), 'bookings-tests-'));
  stack.push('TAP output', () => rm(workDir, { recursive: true, force: true }));
  const results: { name: string; code: number; summary: TapSummary }[] = [];
  const invocations = planInvocations(files);
  // One workflow bundle for every worker of the run (see workflow-bundle.ts).
  const shared: NodeJS.ProcessEnv = invocations.some((invocation) => invocation.sharedServers)
    ? { TEST_WORKFLOW_BUNDLE_PATH: await writeWorkflowBundle(workDir) }
    : {};
  for (const [i, invocation] of invocations.entries()) {
    if (invocations.length > 1) console.log(`\n${invocation.name}: ${invocation.files.length} file(s), ${invocation.concurrency} at a time`);
    results.push({ name: invocation.name, ...(await runInvocation(invocation, join(workDir, `results-${i}.tap`), shared)) });
  }
  for (const { name, summary } of results) {
    if (results.length > 1) console.log(`${name}:`);
    console.log(summary.lines.join('\n'));
  }
  const total = addSummaries(results.map((r) => r.summary));
  console.log(`${total.pass} passed, ${total.fail} failed`);
  return results.find((r) => r.code !== 0)?.code ?? 0;
}

onShutdownSignal(async (signal) => {
  testProcess?.kill(signal);
  await serverStack.stopAll();
  await stack.stopAll();
  process.exit(130);
});

void main()
  .catch((error: unknown) => {
    console.error(error instanceof BinaryNotFoundError ? error.message : error);
    return 1;
  })
  .then(async (code) => {
    await serverStack.stopAll();
    await stack.stopAll();
    process.exit(code);
  });
