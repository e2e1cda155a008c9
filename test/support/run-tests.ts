import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BinaryNotFoundError } from '../../src/dev/binaries/resolve-binary';
import { onShutdownSignal } from '../../src/dev/shutdown-signals';
import { createStopStack } from '../../src/dev/stop-stack';
import { createLogger } from '../../src/logging/logger';
import { needsServers, parseTapSummary, selectTestFiles } from './test-files';
import { startTestServers } from './test-servers';

/**
 * `npm test`: starts PostgreSQL and Temporal once for the whole run (only when a non-unit test is
 * selected), runs the files with node's test runner, stops the servers whatever happens, and exits
 * with the tests' exit code. Usage: run-tests.ts [unit|workflow|integration|<file>...]
 */
const ROOT = resolve(__dirname, '..', '..');
const logger = createLogger((process.env.LOG_LEVEL as 'debug' | undefined) ?? 'warn').child({ component: 'run-tests' });
const stack = createStopStack(logger);
let testProcess: ReturnType<typeof spawn> | undefined;

function runNodeTests(files: string[], env: NodeJS.ProcessEnv, tapFile: string): Promise<number> {
  const args = [
    '--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=180000',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
    ...files,
  ];
  return new Promise((resolveCode, reject) => {
    testProcess = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' });
    testProcess.once('error', reject);
    testProcess.once('exit', (code, signal) => resolveCode(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const files = await selectTestFiles(ROOT, process.argv.slice(2));
  if (files.length === 0) {
    console.log('No test files selected.\n0 passed, 0 failed');
    return 0;
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (needsServers(files)) {
    const started = Date.now();
    console.log('Starting PostgreSQL and the Temporal dev server for this run...');
    Object.assign(env, await startTestServers(stack, logger));
    console.log(`Servers ready in ${Date.now() - started} ms (Temporal ${env.TEST_TEMPORAL_ADDRESS}).`);
  }
  const workDir = await mkdtemp(join(tmpdir(), 'bookings-tests-'));
  stack.push('TAP output', () => rm(workDir, { recursive: true, force: true }));
  const tapFile = join(workDir, 'results.tap');
  const code = await runNodeTests(files, env, tapFile);
  const summary = parseTapSummary(await readFile(tapFile, 'utf8').catch(() => ''));
  console.log(summary.lines.join('\n'));
  console.log(`${summary.pass} passed, ${summary.fail} failed`);
  return code;
}

onShutdownSignal(async (signal) => {
  testProcess?.kill(signal);
  await stack.stopAll();
  process.exit(130);
});

void main()
  .catch((error: unknown) => {
    console.error(error instanceof BinaryNotFoundError ? error.message : error);
    return 1;
  })
  .then(async (code) => {
    await stack.stopAll();
    process.exit(code);
  });
