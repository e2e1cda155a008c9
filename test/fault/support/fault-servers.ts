/**
 * The fault suite's own servers, which it may stop and start again: a Temporal dev server that keeps
 * its workflows in a SQLite file, and a PostgreSQL on a data directory that outlives a stop. Each
 * restart reuses the same port, file and directory, so the worker and API processes see an outage,
 * not a new server. The run's shared servers (test/support/test-servers.ts) are never touched.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTemporalCli } from '../../../src/dev/binaries/temporal-binaries';
import { startEmbeddedPostgres, type RunningPostgres } from '../../../src/dev/embedded-postgres';
import { startTemporalDevServer, type RunningDevServer } from '../../../src/dev/temporal-dev-server';
import { createDb } from '../../../src/db/connection';
import { migrateToLatest } from '../../../src/db/migrate';
import type { Logger } from '../../../src/logging/logger';
import { freePort } from '../../support/test-env';

const FAULT_DATABASE = 'bookings_fault';

export interface FaultServers {
  databaseUrl: string;
  temporalAddress: string;
  /** Stops the Temporal server (its workflows stay in the file) and starts it again on the same port. */
  restartTemporal(): Promise<void>;
  /** Fast shutdown: sessions are cut off, as when the database host goes away. */
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  /** Stops both and deletes their files. */
  stop(): Promise<void>;
}

export async function startFaultServers(logger: Logger): Promise<FaultServers> {
  const dir = await mkdtemp(join(tmpdir(), 'bookings-fault-'));
  // mkdtemp makes it 0700; the `postgres` user (when we run as root) must be able to enter it.
  await chmod(dir, 0o755);
  const [pgPort, temporalPort, cli] = await Promise.all([freePort(), freePort(), resolveTemporalCli()]);

  const postgresOptions = { dataDir: join(dir, 'postgres'), port: pgPort, logger, database: FAULT_DATABASE, persistent: true };
  const temporalOptions = { cli, logger, port: temporalPort, dbFilename: join(dir, 'temporal.db') };
  let postgres: RunningPostgres | null = null;
  let temporal: RunningDevServer | null = null;

  // One change at a time: a start asked for while a stop is still under way waits for it.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = (change: () => Promise<void>) => {
    const next = queue.then(change);
    queue = next.catch(() => undefined);
    return next;
  };

  const stop = async () => {
    await Promise.allSettled([temporal?.stop(), postgres?.stop()]);
    temporal = postgres = null;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    [postgres, temporal] = await Promise.all([startEmbeddedPostgres(postgresOptions), startTemporalDevServer(temporalOptions)]);
    const db = createDb(postgres.url, { max: 1 });
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    databaseUrl: postgres.url,
    temporalAddress: temporal.address,
    restartTemporal: () =>
      serially(async () => {
        await temporal?.stop();
        temporal = null;
        temporal = await startTemporalDevServer(temporalOptions);
      }),
    stopPostgres: () =>
      serially(async () => {
        await postgres?.stop();
        postgres = null;
      }),
    startPostgres: () =>
      serially(async () => {
        postgres ??= await startEmbeddedPostgres(postgresOptions);
      }),
    stop: () => serially(stop),
  };
}
