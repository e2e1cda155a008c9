import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema';
import type { Interval } from '../providers/calendar/calendar-provider';
import { HoldKeyConflictError, HoldNotLiveError, SlotUnavailableError } from './hold-errors';

export { HoldKeyConflictError, HoldNotLiveError, SlotUnavailableError } from './hold-errors';

type Db = Kysely<Database>;

const EXCLUSION_VIOLATION = '23P01';

export interface NewHold {
  bookingId: string;
  holdKey: string;
  resourceId: string;
  /** The appointment itself. */
  start: Date;
  end: Date;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
}

export interface HoldRecord {
  id: string;
  bookingId: string;
  holdKey: string;
  resourceId: string;
  start: Date;
  end: Date;
  status: 'held' | 'booked';
  releasedAt: Date | null;
}

const MINUTE_MS = 60_000;

function isExclusionViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === EXCLUSION_VIOLATION;
}

async function findHold(db: Db, holdKey: string): Promise<HoldRecord | null> {
  const row = await db.selectFrom('slot_holds').selectAll().where('hold_key', '=', holdKey).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    bookingId: row.booking_id,
    holdKey: row.hold_key,
    resourceId: row.resource_id,
    start: row.start_at,
    end: row.end_at,
    status: row.status,
    releasedAt: row.released_at,
  };
}

/** Why an existing row under this key is not the hold being asked for, or null when it is the same live hold. */
function differenceFrom(stored: HoldRecord, hold: NewHold): string | null {
  if (stored.bookingId !== hold.bookingId) return `it belongs to booking ${stored.bookingId}`;
  if (stored.resourceId !== hold.resourceId) return `it is on resource ${stored.resourceId}`;
  if (stored.start.getTime() !== hold.start.getTime() || stored.end.getTime() !== hold.end.getTime()) {
    return `it holds ${stored.start.toISOString()} to ${stored.end.toISOString()}`;
  }
  if (stored.releasedAt !== null) return 'it was released';
  return null;
}

/**
 * Holds the slot plus its buffers. Overlapping time held by another booking is refused by the
 * exclusion constraint, never by a check-then-insert, so concurrent requests cannot both win. A key
 * that already exists is accepted only when it is this very hold, still live (a retried activity);
 * anything else under the key is a loud HoldKeyConflictError, never a silent "held".
 */
export async function insertHold(db: Db, hold: NewHold): Promise<HoldRecord> {
  const from = new Date(hold.start.getTime() - hold.bufferBeforeMinutes * MINUTE_MS);
  const to = new Date(hold.end.getTime() + hold.bufferAfterMinutes * MINUTE_MS);
  let inserted: { id: string } | undefined;
  try {
    inserted = await db
      .insertInto('slot_holds')
      .values({
        booking_id: hold.bookingId,
        hold_key: hold.holdKey,
        resource_id: hold.resourceId,
        during: sql<string>`tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz, '[)')`,
        start_at: hold.start,
        end_at: hold.end,
        status: 'held',
      })
      .onConflict((oc) => oc.column('hold_key').doNothing())
      .returning('id')
      .executeTakeFirst();
  } catch (err) {
    if (isExclusionViolation(err)) throw new SlotUnavailableError(hold.resourceId, hold.start.toISOString(), hold.end.toISOString());
    throw err;
  }
  const stored = await findHold(db, hold.holdKey);
  if (!stored) throw new Error(`hold ${hold.holdKey} missing after insert`);
  if (!inserted) {
    const difference = differenceFrom(stored, hold);
    if (difference) throw new HoldKeyConflictError(hold.holdKey, difference);
  }
  return stored;
}

/** Frees the time. A hold that is absent or already released is left as it is. */
export async function releaseHold(db: Db, holdKey: string): Promise<void> {
  await db.updateTable('slot_holds').set({ released_at: new Date() }).where('hold_key', '=', holdKey).where('released_at', 'is', null).execute();
}

/**
 * Turns the booking's live hold into a booked slot; it keeps the time until released. A hold that is
 * released, absent or another booking's throws HoldNotLiveError: confirming it would book nothing.
 */
export async function confirmHold(db: Db, bookingId: string, holdKey: string): Promise<void> {
  const confirmed = await db
    .updateTable('slot_holds')
    .set({ status: 'booked' })
    .where('hold_key', '=', holdKey)
    .where('booking_id', '=', bookingId)
    .where('released_at', 'is', null)
    .executeTakeFirst();
  if (confirmed.numUpdatedRows === 0n) throw new HoldNotLiveError(holdKey);
}

/** Time taken by unreleased holds (buffers included) on these resources that overlaps [from, to). */
export async function busyIntervals(db: Db, resourceIds: string[], from: Date, to: Date): Promise<Map<string, Interval[]>> {
  const byResource = new Map<string, Interval[]>(resourceIds.map((id) => [id, []]));
  if (resourceIds.length === 0) return byResource;
  const rows = await db
    .selectFrom('slot_holds')
    .select(['resource_id', sql<Date>`lower(during)`.as('from'), sql<Date>`upper(during)`.as('to')])
    .where('resource_id', 'in', resourceIds)
    .where('released_at', 'is', null)
    .where(sql<boolean>`during && tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz, '[)')`)
    .orderBy(sql`lower(during)`)
    .execute();
  for (const row of rows) byResource.get(row.resource_id)?.push({ start: new Date(row.from), end: new Date(row.to) });
  return byResource;
}

export { findHold };
