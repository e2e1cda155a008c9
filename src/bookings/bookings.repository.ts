import { type Kysely, type Selectable, sql } from 'kysely';
import type { BookingsTable, Database } from '../db/schema';
import { bookingWorkflowId, type BookingStatus, type PaymentStatus, type BookingState, type Customer, type HistoryEntry, type PendingUndo } from '../../workflows/contract';

type Db = Kysely<Database>;

/** A booking as the read model holds it: what lists and the API show, without provider internals. */
export interface BookingRecord {
  id: string;
  workflowId: string;
  status: BookingStatus;
  serviceId: string;
  resourceId: string;
  customerId: string | null;
  start: string;
  end: string;
  customer: Customer;
  notes: string | null;
  payment: {
    provider: string | null;
    status: PaymentStatus;
    /** Charged when booking: the deposit, or the price. */
    amountCents: number;
    /** The booking's full price (its tier's). */
    priceCents: number;
    depositCents: number;
    currency: string;
    refundedCents: number;
  };
  history: HistoryEntry[];
  revision: number;
  cancellationReason: string | null;
  /** Where the customer pays; written only while the payment is pending. */
  checkoutUrl: string | null;
  /** The payment the booking kept, if any. */
  paymentId: string | null;
  /** Undos that failed and are being retried (operators only). */
  pendingUndos: PendingUndo[];
  /** Flags for an operator, e.g. `compensation-failing`. */
  attention: string[];
  createdAt: string;
  updatedAt: string;
}

export interface BookingFilters {
  status?: BookingStatus | BookingStatus[];
  resourceId?: string;
  /** Bookings that start at or after this instant. */
  from?: Date;
  /** Bookings that start before this instant. */
  to?: Date;
  /** true: only bookings an operator should look at (a non-empty attention list); false: only the others. */
  needsAttention?: boolean;
  limit?: number;
}

function bookingFromRow(row: Selectable<BookingsTable>): BookingRecord {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    status: row.status as BookingStatus,
    serviceId: row.service_id,
    resourceId: row.resource_id,
    customerId: row.customer_id,
    start: row.start_at.toISOString(),
    end: row.end_at.toISOString(),
    customer: { name: row.customer_name, email: row.customer_email, phone: row.customer_phone },
    notes: row.notes,
    payment: {
      provider: row.payment_provider,
      status: row.payment_status as PaymentStatus,
      amountCents: row.amount_cents,
      // Rows written before 0004 have no price: what they charged was the price.
      priceCents: row.price_cents ?? row.amount_cents,
      depositCents: row.deposit_cents,
      currency: row.currency,
      refundedCents: row.refunded_cents,
    },
    history: row.history as HistoryEntry[],
    revision: row.revision,
    cancellationReason: row.cancellation_reason,
    checkoutUrl: row.checkout_url,
    paymentId: row.payment_id,
    pendingUndos: row.pending_undos as PendingUndo[],
    attention: row.attention,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Writes the latest state of a booking. Activities can run late or twice, so a state with a shorter
 * history than the stored one is older and is ignored: the projection only moves forward.
 */
export async function upsertBookingFromState(db: Db, state: BookingState, customerId: string | null): Promise<void> {
  const values = {
    id: state.id,
    workflow_id: bookingWorkflowId(state.id),
    status: state.status,
    service_id: state.serviceId,
    resource_id: state.resourceId,
    customer_id: customerId,
    customer_name: state.customer.name,
    customer_email: state.customer.email,
    customer_phone: state.customer.phone,
    start_at: state.start,
    end_at: state.end,
    notes: state.notes,
    payment_status: state.payment.status,
    payment_provider: state.payment.provider ?? null,
    amount_cents: state.payment.amountCents,
    // Bookings of the v1 workflow carry neither: their price is what they charged.
    price_cents: state.payment.priceCents ?? state.payment.amountCents,
    deposit_cents: state.payment.depositCents ?? 0,
    currency: state.payment.currency,
    refunded_cents: state.payment.refundedCents,
    revision: state.revision,
    history: JSON.stringify(state.history),
    cancellation_reason: state.cancellationReason,
    // Bookings of the v1 workflow carry none of these.
    checkout_url: state.payment.status === 'PENDING' ? (state.payment.checkoutUrl ?? null) : null,
    payment_id: state.payment.paymentId ?? null,
    pending_undos: JSON.stringify(state.pendingUndos ?? []),
    attention: JSON.stringify(state.attention ?? []),
    created_at: state.createdAt,
    updated_at: state.updatedAt,
  };
  const { id: _id, created_at: _createdAt, workflow_id: _workflowId, ...changes } = values;
  await db
    .insertInto('bookings')
    .values(values)
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({ ...changes, customer_id: sql`coalesce(excluded.customer_id, bookings.customer_id)` })
        .where(sql<boolean>`jsonb_array_length(bookings.history) <= jsonb_array_length(excluded.history)`),
    )
    .execute();
}

export async function getBooking(db: Db, id: string): Promise<BookingRecord | null> {
  const row = await db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? bookingFromRow(row) : null;
}

/** Bookings matching every given filter, earliest start first. */
export async function listBookings(db: Db, filters: BookingFilters = {}): Promise<BookingRecord[]> {
  let query = db.selectFrom('bookings').selectAll();
  if (filters.status !== undefined) {
    const statuses = Array.isArray(filters.status) ? filters.status : [filters.status];
    if (statuses.length === 0) return [];
    query = query.where('status', 'in', statuses);
  }
  if (filters.resourceId !== undefined) query = query.where('resource_id', '=', filters.resourceId);
  if (filters.from !== undefined) query = query.where('start_at', '>=', filters.from);
  if (filters.to !== undefined) query = query.where('start_at', '<', filters.to);
  // The same expression as the partial index bookings_attention_idx, so the planner can use it.
  if (filters.needsAttention === true) query = query.where(sql<boolean>`attention <> '[]'::jsonb`);
  if (filters.needsAttention === false) query = query.where(sql<boolean>`attention = '[]'::jsonb`);
  const rows = await query.orderBy('start_at').orderBy('id').limit(filters.limit ?? 500).execute();
  return rows.map(bookingFromRow);
}

/** Issue 6: the booking that kept this provider payment (webhooks about refunds and disputes name only the payment). */
export async function findBookingIdByPaymentId(db: Db, paymentId: string): Promise<string | null> {
  const row = await db.selectFrom('bookings').select('id').where('payment_id', '=', paymentId).executeTakeFirst();
  return row?.id ?? null;
}
