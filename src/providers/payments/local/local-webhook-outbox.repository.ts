import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { Database, LocalWebhookOutboxTable } from '../../../db/schema';
import type { LocalWebhookEvent } from './local-webhook-event';

type Db = Kysely<Database>;
export type LocalWebhookOutboxRow = Selectable<LocalWebhookOutboxTable>;

/** `now() + ms` (or `- ms`, for a negative ms) on the database's clock: every replica then agrees when a row is due. */
const fromNow = (ms: number): RawBuilder<Date> => sql<Date>`now() + make_interval(secs => ${ms / 1000})`;

export interface EnqueueOptions {
  /** The webhook URL the event goes to (the API that took the payment). */
  endpointUrl: string;
  /**
   * Queue the row already claimed by the caller for this long, as its first attempt: the caller
   * delivers it at once, and no dispatcher races it unless the caller dies before it reports back.
   */
  claimForMs?: number;
}

/** Queues an event for delivery. Takes a transaction, so the event is queued with the change it reports, or not at all. */
export async function enqueueLocalWebhook(db: Db, event: LocalWebhookEvent, options: EnqueueOptions): Promise<LocalWebhookOutboxRow> {
  const claimed = options.claimForMs !== undefined;
  return db
    .insertInto('local_webhook_outbox')
    .values({
      event_id: event.id,
      event_type: event.type,
      booking_id: event.data.bookingId,
      endpoint_url: options.endpointUrl,
      payload: JSON.stringify(event),
      attempts: claimed ? 1 : 0,
      next_attempt_at: claimed ? fromNow(Math.max(0, options.claimForMs ?? 0)) : sql<Date>`now()`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface ClaimOptions {
  endpointUrl: string;
  limit: number;
  /** How long a claimed row stays invisible to other dispatchers; it must outlast one attempt. */
  leaseMs: number;
  /**
   * A row for another endpoint that has been due this long has nobody delivering it (that API is
   * gone, or its address changed): this dispatcher adopts it and delivers it to its own endpoint.
   */
  adoptAfterMs: number;
}

/**
 * Claims the due rows of this endpoint, oldest first, and counts the attempt. `FOR UPDATE SKIP
 * LOCKED` lets several API replicas poll at once without blocking each other or taking the same
 * row; the lease (a later `next_attempt_at`) keeps it theirs after this short transaction ends, and
 * hands it back by itself if the claimer dies mid-delivery.
 */
export async function claimDueLocalWebhooks(db: Db, options: ClaimOptions): Promise<LocalWebhookOutboxRow[]> {
  return db
    .with('due', (qb) =>
      qb
        .selectFrom('local_webhook_outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where((eb) =>
          eb.or([
            eb.and([eb('endpoint_url', '=', options.endpointUrl), eb('next_attempt_at', '<=', sql<Date>`now()`)]),
            eb('next_attempt_at', '<=', fromNow(-options.adoptAfterMs)),
          ]),
        )
        .orderBy('next_attempt_at')
        .limit(options.limit)
        .forUpdate()
        .skipLocked(),
    )
    .updateTable('local_webhook_outbox')
    .from('due')
    .set((eb) => ({ attempts: eb('local_webhook_outbox.attempts', '+', 1), next_attempt_at: fromNow(options.leaseMs), endpoint_url: options.endpointUrl }))
    .whereRef('local_webhook_outbox.id', '=', 'due.id')
    .returningAll('local_webhook_outbox')
    .execute();
}

export async function markLocalWebhookDelivered(db: Db, id: string): Promise<void> {
  await db
    .updateTable('local_webhook_outbox')
    .set({ status: 'delivered', delivered_at: sql<Date>`now()`, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Gives a row back to the queue, due again after `delayMs`, with why this attempt failed. */
export async function rescheduleLocalWebhook(db: Db, id: string, delayMs: number, error: string | null): Promise<void> {
  await db
    .updateTable('local_webhook_outbox')
    .set({ next_attempt_at: fromNow(Math.max(0, delayMs)), last_error: error })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}
