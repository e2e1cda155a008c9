import { join } from 'node:path';
import type { Logger } from '../logging/logger';
import { stopLeftoverPostgres } from './leftover-postgres';
import { stopLeftoverTemporal } from './leftover-temporal';
import { isSameCommand, readPidFile, removePidFile, writePidFile } from './pid-file';
import { commandLineOf } from './process-inspection';
import { POSTGRES_DIR, TEMPORAL_PID_FILE } from './data-dir-layout';

/** Records which `npm start` owns a DATA_DIR, so the next one can tell a crash from a second copy. */
export const START_PID_FILE = 'npm-start.pid';

export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
}

async function ownCommandLine(): Promise<string[]> {
  return (await commandLineOf(process.pid)) ?? [process.execPath, ...process.execArgv, ...process.argv.slice(1)];
}

/**
 * Takes DATA_DIR for this `npm start`: refuses while another live one holds it (stopping its servers
 * would pull the floor from under it), then stops whatever a crashed run left behind there, so
 * PostgreSQL's lock file and the busy ports do not stop this start. Returns the release, for shutdown.
 */
export async function claimDataDir(dataDir: string, logger: Logger): Promise<() => Promise<void>> {
  const file = join(dataDir, START_PID_FILE);
  const owner = await readPidFile(file);
  if (owner && owner.pid !== process.pid) {
    const argv = await commandLineOf(owner.pid);
    if (argv && isSameCommand(argv, owner.command)) {
      throw new DataDirInUseError(`Another \`npm start\` (pid ${owner.pid}) is running with DATA_DIR ${dataDir}: stop it first, or set another DATA_DIR.`);
    }
    logger.info(`the last run (pid ${owner.pid}) did not shut down cleanly; cleaning up after it`, { pid: owner.pid, dataDir });
  }
  await writePidFile(file, { pid: process.pid, command: await ownCommandLine() });
  await Promise.all([stopLeftoverPostgres(join(dataDir, POSTGRES_DIR), logger), stopLeftoverTemporal(join(dataDir, TEMPORAL_PID_FILE), logger)]);
  return () => removePidFile(file);
}
