/**
 * What `npm start` does with what a crashed run left in DATA_DIR: recognise its own servers by pid
 * file and command line, stop them, and clear pid files whose process is gone or is someone else now.
 * Real processes (`sleep`) stand in for the servers.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { claimDataDir, DataDirInUseError, START_PID_FILE } from '../../src/dev/data-dir-claim';
import { isPostgresServerOf, parsePostmasterPid, stopLeftoverPostgres } from '../../src/dev/leftover-postgres';
import { stopLeftoverTemporal } from '../../src/dev/leftover-temporal';
import { isSameCommand, readPidFile, writePidFile } from '../../src/dev/pid-file';
import { commandLineOf, isRunning } from '../../src/dev/process-inspection';
import { createLogger } from '../../src/logging/logger';

const fileExists = (file: string) => readFile(file).then(() => true, () => false);

describe('what a crashed `npm start` left behind', () => {
  let folder: string;
  const children: ChildProcess[] = [];
  const logLines: string[] = [];
  const logger = createLogger('info', {}, (line) => logLines.push(line) > 0);

  /** A process that outlives its starter, like a server whose `npm start` was killed. */
  const leftover = (): { pid: number; command: string[] } => {
    const command = ['sleep', '300'];
    const child = spawn(command[0] as string, command.slice(1), { stdio: 'ignore' });
    children.push(child);
    return { pid: child.pid as number, command };
  };
  /** A pid that no process has any more. */
  const gonePid = async () => {
    const child = spawn('true');
    await new Promise((resolve) => child.once('exit', resolve));
    return child.pid as number;
  };

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'leftovers-'));
  });
  afterEach(() => {
    logLines.length = 0;
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('stops the Temporal dev server the last run left running, says so with its pid, and forgets it', async () => {
    const server = leftover();
    const pidFile = join(folder, 'temporal.pid');
    await writePidFile(pidFile, server);

    await stopLeftoverTemporal(pidFile, logger);

    assert.equal(await isRunning(server.pid), false);
    assert.equal(await fileExists(pidFile), false);
    assert.ok(logLines.some((line) => line.includes(`stopped the leftover Temporal dev server (pid ${server.pid})`)));
  });

  it('removes a Temporal pid file whose process is gone', async () => {
    const pidFile = join(folder, 'temporal.pid');
    const pid = await gonePid();
    await writePidFile(pidFile, { pid, command: ['temporal', 'server', 'start-dev'] });

    await stopLeftoverTemporal(pidFile, logger);

    assert.equal(await fileExists(pidFile), false);
    assert.ok(logLines.some((line) => line.includes(`pid ${pid} is no longer running`)));
  });

  it('leaves alone a process that took over the pid, and removes the pid file', async () => {
    const stranger = leftover();
    const pidFile = join(folder, 'temporal.pid');
    await writePidFile(pidFile, { pid: stranger.pid, command: ['temporal', 'server', 'start-dev'] });

    await stopLeftoverTemporal(pidFile, logger);

    assert.equal(await isRunning(stranger.pid), true);
    assert.equal(await fileExists(pidFile), false);
    assert.ok(logLines.some((line) => line.includes('now belongs to another program')));
  });

  it('clears a PostgreSQL lock file whose server is gone, so PostgreSQL starts', async () => {
    const dataDir = join(folder, 'postgres');
    await mkdir(dataDir, { recursive: true });
    const pid = await gonePid();
    await writeFile(join(dataDir, 'postmaster.pid'), `${pid}\n${dataDir}\n1700000000\n5433\n`);

    await stopLeftoverPostgres(dataDir, logger);

    assert.equal(await fileExists(join(dataDir, 'postmaster.pid')), false);
    assert.ok(logLines.some((line) => line.includes(`removed the stale PostgreSQL lock file of the last run: pid ${pid}`)));
  });

  it('does nothing when the last run shut down cleanly', async () => {
    await stopLeftoverPostgres(join(folder, 'never-started'), logger);
    await stopLeftoverTemporal(join(folder, 'never-written.pid'), logger);
    assert.deepEqual(logLines, []);
  });

  it('refuses a DATA_DIR that another live `npm start` is using, rather than stop its servers', async () => {
    const dataDir = await mkdtemp(join(folder, 'in-use-'));
    const running = leftover();
    await writePidFile(join(dataDir, START_PID_FILE), running);

    await assert.rejects(claimDataDir(dataDir, logger), (error: unknown) => error instanceof DataDirInUseError && error.message.includes(`pid ${running.pid}`));
    assert.equal(await isRunning(running.pid), true);
  });

  it('takes over the DATA_DIR of a run that crashed, and gives it back on shutdown', async () => {
    const dataDir = await mkdtemp(join(folder, 'crashed-'));
    const crashed = await gonePid();
    await writePidFile(join(dataDir, START_PID_FILE), { pid: crashed, command: ['node', 'src/cli/start.ts'] });

    const release = await claimDataDir(dataDir, logger);
    assert.equal((await readPidFile(join(dataDir, START_PID_FILE)))?.pid, process.pid);
    assert.ok(logLines.some((line) => line.includes(`the last run (pid ${crashed}) did not shut down cleanly`)));

    await release();
    assert.equal(await fileExists(join(dataDir, START_PID_FILE)), false);
  });

  it('recognises a PostgreSQL server by program and data directory', () => {
    assert.equal(isPostgresServerOf(['/opt/pg/bin/postgres', '-D', '/data/postgres', '-p', '5433'], '/data/postgres'), true);
    assert.equal(isPostgresServerOf(['/opt/pg/bin/postgres', '-D', '/elsewhere'], '/data/postgres'), false);
    assert.equal(isPostgresServerOf(['/usr/bin/sleep', '300'], '/data/postgres'), false);
    assert.equal(parsePostmasterPid('4242\n/data/postgres\n'), 4242);
    assert.equal(parsePostmasterPid(''), null);
  });

  it('reads back the command line it records for a live process', async () => {
    const server = leftover();
    assert.ok(isSameCommand((await commandLineOf(server.pid)) ?? [], server.command));
    const pidFile = join(folder, 'roundtrip.pid');
    await writePidFile(pidFile, server);
    assert.deepEqual(await readPidFile(pidFile), server);
  });
});
