/**
 * Defect 10: a user whose `npm start` crashed (SIGKILL, a laptop that died) runs `npm start` again and
 * it comes up: it stops the PostgreSQL and Temporal dev server the last run left in DATA_DIR, and says
 * so. The real `npm start` runs as a child process on free ports in a temporary DATA_DIR.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isRunning } from '../../src/dev/process-inspection';
import { freePort } from '../support/test-env';

const ROOT = resolve(__dirname, '..', '..');
const READY = 'Booking backend is running';

interface StartRun {
  child: ChildProcess;
  /** Everything it printed, stdout and stderr. */
  output(): string;
  ready: Promise<void>;
  exited: Promise<number | null>;
}

/**
 * `npm start` exactly as the script runs it (`tsx src/cli/start.ts`), but as one node process, so
 * the SIGKILL below hits the process that owns the servers, as a crash would.
 */
function npmStart(env: NodeJS.ProcessEnv): StartRun {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const ready = new Promise<void>((done, fail) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes(READY)) done();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => fail(new Error(`npm start exited (${code}) before it was ready:\n${text.slice(-4000)}`)));
  });
  return { child, output: () => text, ready, exited };
}

/** Processes whose command line names `path`: the servers of a DATA_DIR name their files in it. */
async function processesNaming(path: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(path) && (await isRunning(Number(entry)))) pids.push(Number(entry));
  }
  return pids;
}

const firstLine = async (file: string) => Number.parseInt((await readFile(file, 'utf8')).split('\n', 1)[0] ?? '', 10);

describe('npm start after a crash', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let port: number;
  const runs: StartRun[] = [];

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'bookings-crash-'));
    // The `postgres` system user (when the tests run as root) must be able to enter it.
    await chmod(dataDir, 0o755);
    port = await freePort();
    const inherited = { ...process.env };
    for (const name of ['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'DATABASE_URL', 'ADMIN_API_KEY', 'BOOKING_TOKEN_SECRET', 'LOCAL_WEBHOOK_SECRET']) delete inherited[name];
    env = {
      ...inherited,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      TEMPORAL_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
    };
  });

  after(async () => {
    // Whatever happened above, nothing of this DATA_DIR outlives the test.
    for (const run of runs) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    for (const pid of await processesNaming(dataDir)) process.kill(pid, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stops what the killed run left running, says so, and comes up again', { timeout: 600_000 }, async () => {
    const first = npmStart(env);
    runs.push(first);
    await first.ready;
    const postgresPid = await firstLine(join(dataDir, 'postgres', 'postmaster.pid'));
    const [temporalPid] = await processesNaming(join(dataDir, 'temporal.db'));

    first.child.kill('SIGKILL');
    await first.exited;
    assert.equal(await isRunning(postgresPid), true, 'the crash leaves PostgreSQL running');
    assert.ok(temporalPid !== undefined, 'the crash leaves the Temporal dev server running');

    const second = npmStart(env);
    runs.push(second);
    await second.ready;
    assert.match(second.output(), new RegExp(`(stopped|killed) the leftover PostgreSQL server \\(pid ${postgresPid}\\)`));
    // A dev server that lost its output pipe may have ended by itself: then only its pid file is left.
    assert.match(
      second.output(),
      new RegExp(`(stopped|killed) the leftover Temporal dev server \\(pid ${temporalPid}\\)|Temporal dev server pid file of the last run: pid ${temporalPid} `),
    );
    assert.equal(await isRunning(postgresPid), false);
    assert.equal(await isRunning(temporalPid), false);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(health.status, 200);

    second.child.kill('SIGINT');
    assert.equal(await second.exited, 0);
    assert.deepEqual(await processesNaming(dataDir), [], 'no server of this DATA_DIR is left after Ctrl-C');
  });
});
