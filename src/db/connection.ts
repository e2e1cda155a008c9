import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type Logger, logger as defaultLogger } from '../logging/logger';
import type { Database } from './schema';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Counts and sums come back as int8/numeric; every such value here is far below 2^53, so a JS number
// is exact and saves every caller a `Number()`.
pg.types.setTypeParser(INT8_OID, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(NUMERIC_OID, (value) => Number.parseFloat(value));

export interface DbOptions {
  /** Pool size; the worker and the API each get their own pool. */
  max?: number;
  /** Where lost connections are reported; the module's logger when omitted. */
  logger?: Logger;
}

/**
 * One pool per process. Timestamps (timestamptz) come back as `Date`, the driver's default.
 *
 * A connection that dies (server restart, crash, terminated session) fails the query in flight and is
 * dropped by the pool on release; the next query opens a new one. Its 'error' event must still have a
 * listener, or Node turns it into an uncaught exception that ends the process. The pool listens only
 * while a client is idle, so each client gets its own listener for its whole life, including while
 * it is checked out (in a query, or held by a transaction between statements).
 */
export function createDb(databaseUrl: string, opts: DbOptions = {}): Kysely<Database> {
  const log = (opts.logger ?? defaultLogger).child({ component: 'db' });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: opts.max ?? 10 });
  pool.on('connect', (client) => client.on('error', (error) => log.warn('database connection lost', { err: error })));
  // The pool re-emits an idle client's error (already logged above) after dropping that client.
  pool.on('error', (error) => log.debug('idle database connection dropped from the pool', { err: error }));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
