import { readFile, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Logger } from '../logging/logger';
import { commandLineOf, stopProcess } from './process-inspection';

/** PostgreSQL's lock file in its data directory; its first line is the server's pid. */
export const POSTMASTER_PID = 'postmaster.pid';

export function parsePostmasterPid(text: string): number | null {
  const pid = Number.parseInt(text.split('\n', 1)[0]?.trim() ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** A PostgreSQL server on this data directory (or one that does not say: PGDATA instead of -D). */
export function isPostgresServerOf(argv: readonly string[], dataDir: string): boolean {
  const program = basename(argv[0] ?? '');
  if (program !== 'postgres' && program !== 'postmaster') return false;
  const flag = argv.indexOf('-D');
  return flag === -1 || resolve(argv[flag + 1] ?? '') === resolve(dataDir);
}

/**
 * Makes the data directory startable after a crash of the process that ran PostgreSQL: a server
 * still running on it is shut down (SIGINT, PostgreSQL's fast shutdown: data is safe), and a lock
 * file whose pid is gone or now belongs to another program is removed, since PostgreSQL refuses to
 * start while that pid is alive.
 */
export async function stopLeftoverPostgres(dataDir: string, logger: Logger): Promise<void> {
  const pidFile = join(dataDir, POSTMASTER_PID);
  let text: string;
  try {
    text = await readFile(pidFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const pid = parsePostmasterPid(text);
  const argv = pid === null ? null : await commandLineOf(pid);
  if (pid !== null && argv && isPostgresServerOf(argv, dataDir)) {
    logger.info(`stopping the PostgreSQL server (pid ${pid}) that the last run left running on ${dataDir}`, { pid, dataDir });
    const { killed } = await stopProcess(pid, 'SIGINT', 30_000);
    // A server that had to be killed leaves its lock file; PostgreSQL itself clears it once the pid is gone.
    logger.info(`${killed ? 'killed' : 'stopped'} the leftover PostgreSQL server (pid ${pid})`, { pid, dataDir });
    return;
  }
  await rm(pidFile, { force: true });
  const why = argv ? 'now belongs to another program' : 'is no longer running';
  logger.info(`removed the stale PostgreSQL lock file of the last run: pid ${pid ?? '(unreadable)'} ${why}`, { pid, pidFile });
}
