/** The one Kysely `Database` interface: a table type per table, columns as PostgreSQL returns them. */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface TimeRange {
  start: string; // "09:00"
  end: string; // "17:00"
}
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type WeeklyHours = Record<Weekday, TimeRange[]>;
/** A date (YYYY-MM-DD in the resource's zone) with its own hours; an empty list closes the day. */
export type DateOverrides = Record<string, TimeRange[]>;

export interface ServicesTable {
  id: string;
  name: string;
  duration_minutes: number;
  price_cents: number;
  currency: string;
  deposit_cents: number;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  min_notice_minutes: number;
  max_advance_days: number;
  slot_step_minutes: number;
  payment_window_minutes: number;
  refund_window_hours: number;
  reminder_offsets_minutes: JSONColumnType<number[]>;
  max_reschedules: Generated<number>;
  /** Issue 7: the Calendly event type whose invitees book this service (0005). */
  calendly_event_type_uri: ColumnType<string | null, string | null | undefined, string | null>;
  /** Issue 6: the other durations offered, `[{durationMinutes, priceCents}]` (0004). */
  price_tiers: ColumnType<{ durationMinutes: number; priceCents: number }[], string | undefined, string>;
  active: boolean;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ResourcesTable {
  id: string;
  name: string;
  time_zone: string;
  weekly_hours: JSONColumnType<WeeklyHours>;
  date_overrides: JSONColumnType<DateOverrides>;
  calendar_id: string | null;
  /** Issue 7: the Calendly user whose events are this resource's (0005). */
  calendly_user_uri: ColumnType<string | null, string | null | undefined, string | null>;
  active: boolean;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ResourceServicesTable {
  resource_id: string;
  service_id: string;
}

export interface CustomersTable {
  id: string;
  email: string; // lower-cased; unique
  name: string;
  phone: string | null;
  booking_count: Generated<number>;
  no_show_count: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** The read model: written by the `recordTransition` activity at each transition. The workflow owns the truth. */
export interface BookingsTable {
  id: string;
  workflow_id: string;
  status: string;
  service_id: string;
  resource_id: string;
  customer_id: string | null;
  customer_name: string;
  customer_email: string;
  customer_phone: string | null;
  start_at: Timestamp;
  end_at: Timestamp;
  notes: string | null;
  payment_status: string;
  amount_cents: number;
  currency: string;
  refunded_cents: number;
  revision: number;
  history: JSONColumnType<unknown[]>;
  cancellation_reason: string | null;
  /** While the booking waits for payment: the link a repeated create request answers with. */
  checkout_url: string | null;
  /** The provider's id of the payment the booking kept. */
  payment_id: string | null;
  /** Issue 6 (0004): who takes the payment, the booking's full price (null on older rows), the deposit charged when booking (0: none). */
  payment_provider: ColumnType<string | null, string | null | undefined, string | null>;
  price_cents: ColumnType<number | null, number | null | undefined, number | null>;
  deposit_cents: ColumnType<number, number | undefined, number>;
  /** Undos (refund, hold release, calendar delete) that failed and are being retried. */
  pending_undos: JSONColumnType<unknown[]>;
  /** Operator flags (`compensation-failing`, `disputed`). */
  attention: JSONColumnType<string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One row per hold; the exclusion constraint over (resource_id, during) for unreleased rows of different bookings makes double booking impossible. */
export interface SlotHoldsTable {
  id: Generated<string>;
  booking_id: string;
  hold_key: string;
  resource_id: string;
  /** Appointment time plus buffers, as a tstzrange literal `[start,end)`. */
  during: string;
  start_at: Timestamp;
  end_at: Timestamp;
  status: 'held' | 'booked';
  released_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface BookingEventsTable {
  id: Generated<string>;
  booking_id: string;
  seq: number;
  status: string;
  event: string;
  actor: string;
  detail: string | null;
  at: Timestamp;
}

export interface WebhookEventsTable {
  provider: string;
  event_id: string;
  event_type: string;
  booking_id: string | null;
  payload: JSONColumnType<Record<string, unknown>>;
  received_at: CreatedAt;
}

export interface NotificationsTable {
  id: Generated<string>;
  booking_id: string;
  kind: string;
  channel: 'email' | 'sms';
  recipient: string;
  /** `sending`: an attempt is in flight (migration 0006). */
  status: 'pending' | 'sending' | 'sent' | 'failed';
  provider: string;
  provider_message_id: string | null;
  subject: string | null;
  body: string;
  error: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
  // Issue 8 (migration 0006): attempts, why the last one failed, and what the provider reported later.
  attempts: Generated<number>;
  sending_since: Timestamp | null;
  failure_kind: string | null;
  error_code: string | null;
  delivery_status: string | null;
  delivery_error_code: string | null;
  delivery_detail: string | null;
  delivery_updated_at: Timestamp | null;
  fallback_for: string | null;
}

export interface IdempotencyKeysTable {
  key: string;
  request_hash: string;
  booking_id: string;
  created_at: CreatedAt;
}

export interface LocalPaymentSessionsTable {
  id: string;
  booking_id: string;
  idempotency_key: string;
  amount_cents: number;
  currency: string;
  description: string;
  customer_email: string;
  status: 'open' | 'paid' | 'expired';
  payment_id: string | null;
  declined_attempts: Generated<number>;
  expires_at: Timestamp;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface LocalRefundsTable {
  id: string;
  idempotency_key: string;
  payment_id: string;
  booking_id: string;
  amount_cents: number;
  currency: string;
  reason: string;
  created_at: CreatedAt;
}

export interface LocalCalendarEventsTable {
  id: string;
  idempotency_key: string;
  booking_id: string;
  resource_id: string;
  start_at: Timestamp;
  end_at: Timestamp;
  summary: string;
  description: string;
  attendee_email: string;
  status: 'confirmed' | 'cancelled';
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** A local provider webhook on its way to the API; see migration 0003. Pending until a 2xx answer. */
export interface LocalWebhookOutboxTable {
  id: Generated<string>;
  event_id: string;
  event_type: string;
  booking_id: string;
  endpoint_url: string;
  payload: JSONColumnType<Record<string, unknown>>;
  status: ColumnType<'pending' | 'delivered', 'pending' | 'delivered' | undefined, 'pending' | 'delivered'>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_error: string | null;
  created_at: CreatedAt;
  delivered_at: Timestamp | null;
}

/** Issue 7: each Calendly invitee and the booking it made or moved (0005). */
export interface CalendlyInviteesTable {
  invitee_uri: string;
  booking_id: string | null;
  scheduled_event_uri: string;
  status: 'booked' | 'rejected' | 'canceled' | 'awaiting_partner' | 'rescheduled';
  partner_invitee_uri: string | null;
  detail: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Issue 6 (0004): Payrexx has no idempotency keys, so a gateway per booking attempt is remembered here. */
export interface PayrexxGatewaysTable {
  idempotency_key: string;
  booking_id: string;
  gateway_id: string | null;
  link: string | null;
  created_at: CreatedAt;
}

/** Issue 6 (0004): a Payrexx refund by its idempotency key; `pending` while its outcome is unknown. */
export interface PayrexxRefundsTable {
  idempotency_key: string;
  transaction_id: string;
  amount_cents: number;
  refunded_before_cents: number;
  status: 'pending' | 'done';
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface Database {
  services: ServicesTable;
  resources: ResourcesTable;
  resource_services: ResourceServicesTable;
  customers: CustomersTable;
  bookings: BookingsTable;
  slot_holds: SlotHoldsTable;
  booking_events: BookingEventsTable;
  webhook_events: WebhookEventsTable;
  notifications: NotificationsTable;
  idempotency_keys: IdempotencyKeysTable;
  local_payment_sessions: LocalPaymentSessionsTable;
  local_refunds: LocalRefundsTable;
  local_calendar_events: LocalCalendarEventsTable;
  local_webhook_outbox: LocalWebhookOutboxTable;
  calendly_invitees: CalendlyInviteesTable;
  payrexx_gateways: PayrexxGatewaysTable;
  payrexx_refunds: PayrexxRefundsTable;
}
