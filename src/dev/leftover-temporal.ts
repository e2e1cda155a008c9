import type { Logger } from '../logging/logger';
import { isSameCommand, readPidFile, removePidFile } from './pid-file';
import { commandLineOf, stopProcess } from './process-inspection';

/**
 * Stops the Temporal dev server a crashed run left on this DATA_DIR (it holds the ports and the
 * SQLite file), recognised by the pid file it wrote and the exact command line in it; a pid file whose
 * process is gone or is some other program now is just removed.
 */
export async function stopLeftoverTemporal(pidFile: string, logger: Logger): Promise<void> {
  const record = await readPidFile(pidFile);
  if (!record) {
    await removePidFile(pidFile);
    return;
  }
  const argv = await commandLineOf(record.pid);
  if (argv && isSameCommand(argv, record.command)) {
    logger.info(`stopping the Temporal dev server (pid ${record.pid}) that the last run left running`, { pid: record.pid });
    const { killed } = await stopProcess(record.pid, 'SIGTERM', 15_000);
    logger.info(`${killed ? 'killed' : 'stopped'} the leftover Temporal dev server (pid ${record.pid})`, { pid: record.pid });
  } else {
    const why = argv ? 'now belongs to another program' : 'is no longer running';
    logger.info(`removed the stale Temporal dev server pid file of the last run: pid ${record.pid} ${why}`, { pid: record.pid, pidFile });
  }
  await removePidFile(pidFile);
}
