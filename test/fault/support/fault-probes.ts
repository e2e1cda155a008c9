/** What the fault stories look at besides the HTTP API: the workflow's own state, and the tables an effect lands in. */
import { sql, type Kysely } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../../src/db/schema';
import { BOOKING_WORKFLOW_TYPE, bookingIdFromWorkflowId, bookingWorkflowId, getBookingQuery, type BookingState } from '../../../workflows/contract';
import type { FaultApp } from './fault-app';

/** The booking as its workflow knows it (the `getBooking` query): the truth the read model must agree with. */
export function workflowState(app: FaultApp, bookingId: string): Promise<BookingState> {
  return app.client.workflow.getHandle(bookingWorkflowId(bookingId)).query(getBookingQuery);
}

/** Every booking started on this app's task queue (each story has its own), from Temporal's visibility. */
export async function bookingIdsOnQueue(app: FaultApp): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of app.client.workflow.list({ query: `TaskQueue = "${app.taskQueue}" AND WorkflowType = "${BOOKING_WORKFLOW_TYPE}"` })) {
    const id = bookingIdFromWorkflowId(wf.workflowId);
    if (id) ids.push(id);
  }
  return ids.sort();
}

/** Unreleased holds of the resource whose time (buffers included) overlaps [start, end). */
export async function liveHoldsOverlapping(db: Kysely<Database>, resourceId: string, start: string, end: string): Promise<{ bookingId: string }[]> {
  const rows = await db
    .selectFrom('slot_holds')
    .select('booking_id')
    .where('resource_id', '=', resourceId)
    .where('released_at', 'is', null)
    .where(sql<boolean>`during && tstzrange(${start}::timestamptz, ${end}::timestamptz, '[)')`)
    .execute();
  return rows.map((r) => ({ bookingId: r.booking_id }));
}

/** Sent messages of a booking counted per kind and channel: a message sent twice shows as a count of 2. */
export async function sentMessageCounts(db: Kysely<Database>, bookingId: string): Promise<{ kind: string; channel: string; count: number }[]> {
  return db
    .selectFrom('notifications')
    .select(['kind', 'channel', (eb) => eb.fn.countAll<number>().as('count')])
    .where('booking_id', '=', bookingId)
    .where('status', '=', 'sent')
    .groupBy(['kind', 'channel'])
    .orderBy('kind')
    .orderBy('channel')
    .execute();
}

export function isConfirmation(kind: string): boolean {
  return kind.startsWith('confirmation');
}

export async function refundsOf(db: Kysely<Database>, bookingId: string): Promise<{ amountCents: number; idempotencyKey: string }[]> {
  const rows = await db.selectFrom('local_refunds').select(['amount_cents', 'idempotency_key']).where('booking_id', '=', bookingId).execute();
  return rows.map((r) => ({ amountCents: r.amount_cents, idempotencyKey: r.idempotency_key }));
}

export interface Sampler<T> {
  /** Stops sampling and returns every value seen (failed probes are skipped: a server may be down). */
  stop(): Promise<T[]>;
}

/** Runs a probe over and over in the background, to check an invariant at every moment rather than at the end. */
export function sampleWhile<T>(probe: () => Promise<T>, intervalMs = 50): Sampler<T> {
  const seen: T[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        seen.push(await probe());
      } catch {
        // A probe during an outage may fail; the invariant is about what could be read.
      }
      await sleep(intervalMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return seen;
    },
  };
}
