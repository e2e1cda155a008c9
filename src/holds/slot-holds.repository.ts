import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema';
import type { Interval } from '../providers/calendar/calendar-provider';
import { SlotUnavailableError } from './slot-unavailable-error';

export { SlotUnavailableError } from './slot-unavailable-error';

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

/**
 * Holds the slot plus its buffers. The same hold key returns the existing row (a retried activity);
 * overlapping time held by another booking is refused by the exclusion constraint, never by a
 * check-then-insert, so concurrent requests cannot both win.
 */
export async function insertHold(db: Db, hold: NewHold): Promise<HoldRecord> {
  const from = new Date(hold.start.getTime() - hold.bufferBeforeMinutes * MINUTE_MS);
  const to = new Date(hold.end.getTime() + hold.bufferAfterMinutes * MINUTE_MS);
  try {
    await db
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
      .execute();
  } catch (err) {
    if (isExclusionViolation(err)) throw new SlotUnavailableError(hold.resourceId, hold.start.toISOString(), hold.end.toISOString());
    throw err;
  }
  const stored = await findHold(db, hold.holdKey);
  if (!stored) throw new Error(`hold ${hold.holdKey} missing after insert`);
  return stored;
}

/** Frees the time. A hold that is absent or already released is left as it is. */
export async function releaseHold(db: Db, holdKey: string): Promise<void> {
  await db.updateTable('slot_holds').set({ released_at: new Date() }).where('hold_key', '=', holdKey).where('released_at', 'is', null).execute();
}

/** Turns the hold into a booked slot; it keeps the time until released. */
export async function confirmHold(db: Db, holdKey: string): Promise<void> {
  await db.updateTable('slot_holds').set({ status: 'booked' }).where('hold_key', '=', holdKey).where('released_at', 'is', null).execute();
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
