import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export interface StoredIdempotencyKey {
  bookingId: string;
  requestHash: string;
}

/**
 * Binds the key to a booking on first use and returns what the key is bound to: the caller compares
 * the returned hash with its own to tell a repeat (same body) from a reuse (different body).
 */
export async function claimIdempotencyKey(db: Db, key: string, requestHash: string, bookingId: string): Promise<StoredIdempotencyKey> {
  await db
    .insertInto('idempotency_keys')
    .values({ key, request_hash: requestHash, booking_id: bookingId })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('idempotency_keys').select(['booking_id', 'request_hash']).where('key', '=', key).executeTakeFirstOrThrow();
  return { bookingId: row.booking_id, requestHash: row.request_hash };
}
