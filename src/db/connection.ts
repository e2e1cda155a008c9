import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
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
}

/** One pool per process. Timestamps (timestamptz) come back as `Date`, the driver's default. */
export function createDb(databaseUrl: string, opts: DbOptions = {}): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: opts.max ?? 10 });
  // An idle client that loses its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
