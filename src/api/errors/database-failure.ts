/**
 * Tells a database outage from a database error. An outage (PostgreSQL stopped, restarting, out of
 * connections, the connection dropped mid-query, the pool could not connect in time) says nothing
 * about the request: the API answers 503 so the client retries, instead of 500.
 */

/** Socket errors of the connection to PostgreSQL (node's `code`). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** PostgreSQL SQLSTATEs of an unusable connection or server. */
const SQLSTATES = new Set([
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
  '08007', // transaction_resolution_unknown
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
  '53300', // too_many_connections
]);

/** What `pg` and `pg-pool` throw themselves when a connection is lost or cannot be had; they carry no code. */
const DRIVER_MESSAGES = [
  /^Connection terminated/, // "... unexpectedly", "... due to connection timeout"
  /^timeout exceeded when trying to connect$/,
  /is not queryable$/, // "Client has encountered a connection error and is not queryable", "Client was closed and is not queryable"
  /^Cannot use a pool after calling end on the pool$/, // the process is shutting down
];

function codeOf(err: object): unknown {
  return (err as { code?: unknown }).code;
}

/**
 * Whether the error is the database being out of reach. Only the error itself is read (and the
 * attempts inside an AggregateError, which node throws when every address refused): `pg` does not wrap
 * its errors, and a cause chain could be a provider's HTTP failure that happens to say ECONNREFUSED.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = codeOf(err);
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATES.has(code))) return true;
  if (err instanceof AggregateError) return err.errors.some(isDatabaseUnavailable);
  return err instanceof Error && DRIVER_MESSAGES.some((pattern) => pattern.test(err.message));
}
