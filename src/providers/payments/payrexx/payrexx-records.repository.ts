/**
 * Payrexx has no idempotency keys, so our own rows give its calls the once-only behaviour Stripe's keys
 * give: a gateway per payment session key, a refund per refund key (migration 0004).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';

type Db = Kysely<Database>;

export interface GatewayRecord {
  bookingId: string;
  gatewayId: string | null;
  link: string | null;
}

/** The row of this key, claimed now if it was not yet; `gatewayId` null: no gateway recorded yet. */
export async function claimGatewayKey(db: Db, idempotencyKey: string, bookingId: string): Promise<GatewayRecord> {
  await db.insertInto('payrexx_gateways').values({ idempotency_key: idempotencyKey, booking_id: bookingId }).onConflict((oc) => oc.column('idempotency_key').doNothing()).execute();
  return (await gatewayByKey(db, idempotencyKey)) as GatewayRecord;
}

export async function gatewayByKey(db: Db, idempotencyKey: string): Promise<GatewayRecord | null> {
  const row = await db.selectFrom('payrexx_gateways').select(['booking_id', 'gateway_id', 'link']).where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
  return row ? { bookingId: row.booking_id, gatewayId: row.gateway_id, link: row.link } : null;
}

/** Records the gateway made for the key, unless a concurrent attempt recorded one first; returns whether this one was kept. */
export async function recordGateway(db: Db, idempotencyKey: string, gatewayId: string, link: string): Promise<boolean> {
  const updated = await db
    .updateTable('payrexx_gateways')
    .set({ gateway_id: gatewayId, link })
    .where('idempotency_key', '=', idempotencyKey)
    .where('gateway_id', 'is', null)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/** The booking a gateway of ours was made for; null for a gateway we did not make. */
export async function bookingOfGateway(db: Db, gatewayId: string): Promise<string | null> {
  const row = await db.selectFrom('payrexx_gateways').select('booking_id').where('gateway_id', '=', gatewayId).executeTakeFirst();
  return row?.booking_id ?? null;
}

export interface RefundRecord {
  transactionId: string;
  amountCents: number;
  refundedBeforeCents: number;
  status: 'pending' | 'done';
}

export async function refundByKey(db: Db, idempotencyKey: string): Promise<RefundRecord | null> {
  const row = await db
    .selectFrom('payrexx_refunds')
    .select(['transaction_id', 'amount_cents', 'refunded_before_cents', 'status'])
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  return row ? { transactionId: row.transaction_id, amountCents: row.amount_cents, refundedBeforeCents: row.refunded_before_cents, status: row.status } : null;
}

/** Claims the key before the refund call; a concurrent claim wins and this one reads it back. */
export async function claimRefund(db: Db, idempotencyKey: string, refund: Omit<RefundRecord, 'status'>): Promise<RefundRecord> {
  await db
    .insertInto('payrexx_refunds')
    .values({
      idempotency_key: idempotencyKey,
      transaction_id: refund.transactionId,
      amount_cents: refund.amountCents,
      refunded_before_cents: refund.refundedBeforeCents,
      status: 'pending',
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
  return (await refundByKey(db, idempotencyKey)) as RefundRecord;
}

export async function markRefundDone(db: Db, idempotencyKey: string): Promise<void> {
  await db.updateTable('payrexx_refunds').set({ status: 'done', updated_at: new Date() }).where('idempotency_key', '=', idempotencyKey).execute();
}
