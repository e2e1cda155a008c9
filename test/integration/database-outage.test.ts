/**
 * Defect 9: PostgreSQL going away in the middle of a query must fail that query, never end the
 * process. Each story runs its own embedded PostgreSQL, because it kills sessions or the server.
 */
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely, type Transaction } from 'kysely';
import pg from 'pg';
import { createDb } from '../../src/db/connection';
import type { Database } from '../../src/db/schema';
import { startEmbeddedPostgres, type RunningPostgres } from '../../src/dev/embedded-postgres';
import { createLogger } from '../../src/logging/logger';
import { freePort } from '../support/test-env';

const logLines: string[] = [];
const logger = createLogger('debug', {}, (line) => logLines.push(line) > 0);
const serverLogger = createLogger('error');

const uncaught: unknown[] = [];
const recordUncaught = (error: unknown) => uncaught.push(error);

/** The pid of the server process that runs our `pg_sleep`, once it runs: the outage must land mid-query. */
async function sleepingBackendPid(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query<{ pid: number }>(`select pid from pg_stat_activity where query like 'select pg_sleep%' and state = 'active'`);
      if (rows[0]) return rows[0].pid;
      await sleep(50);
    }
  } finally {
    await client.end();
  }
}

async function terminateSessionsOf(url: string, applicationName: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [applicationName]);
    return rowCount ?? 0;
  } finally {
    await client.end();
  }
}

/** Asks until the server answers again (it restarts itself after a crashed process). */
async function untilAnswered(db: Kysely<Database>): Promise<number | undefined> {
  for (;;) {
    try {
      return await answer(db);
    } catch {
      await sleep(100);
    }
  }
}

const longQuery = (db: Kysely<Database>) => sql`select pg_sleep(5)`.execute(db);

const answer = async (db: Kysely<Database> | Transaction<Database>) => (await sql<{ answer: number }>`select 42 as answer`.execute(db)).rows[0]?.answer;

describe('the database pool when PostgreSQL goes away mid-query', () => {
  let folder: string;
  let port: number;
  let server: RunningPostgres | undefined;
  let db: Kysely<Database> | undefined;

  const startServer = async () => {
    server = await startEmbeddedPostgres({ dataDir: join(folder, 'data'), port, logger: serverLogger });
    return server;
  };

  before(() => process.on('uncaughtException', recordUncaught));
  after(() => process.off('uncaughtException', recordUncaught));

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'bookings-outage-'));
    // The `postgres` system user (when the tests run as root) must be able to enter it.
    await chmod(folder, 0o755);
    port = await freePort();
    uncaught.length = 0;
    logLines.length = 0;
  });

  afterEach(async () => {
    await db?.destroy();
    db = undefined;
    await server?.stop();
    server = undefined;
    await rm(folder, { recursive: true, force: true });
  });

  it('fails the query whose server process crashes, and answers again once PostgreSQL has recovered', async () => {
    const { url } = await startServer();
    db = createDb(url, { max: 2, logger });

    const outcome = assert.rejects(longQuery(db));
    // No goodbye on the socket: the connection just ends while the query is in flight.
    process.kill(await sleepingBackendPid(url), 'SIGKILL');
    await outcome;

    assert.equal(await untilAnswered(db), 42);
    assert.deepEqual(uncaught, []);
    assert.ok(logLines.some((line) => line.includes('database connection lost')), 'the lost connection is logged');
  });

  it('fails a transaction whose session is terminated between two statements', async () => {
    const { url } = await startServer();
    const applicationName = 'outage-test';
    db = createDb(`${url}?application_name=${applicationName}`, { max: 2, logger });

    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await answer(trx);
        // The client is checked out but idle: the server's goodbye arrives with no query to fail.
        assert.equal(await terminateSessionsOf(url, applicationName), 1);
        await sleep(200);
        await answer(trx);
      }),
    );

    assert.deepEqual(uncaught, []);
    assert.equal(await answer(db), 42);
  });

  it('fails queries while the server is down and works again once it is back', async () => {
    const { url } = await startServer();
    db = createDb(url, { max: 2, logger });

    const running = longQuery(db);
    const outcome = assert.rejects(running);
    await sleepingBackendPid(url);
    await server?.stop();
    server = undefined;
    await outcome;
    await assert.rejects(answer(db), 'a query during the outage fails instead of hanging or crashing');

    await startServer();
    assert.equal(await answer(db), 42);
    assert.deepEqual(uncaught, []);
  });
});
