import type { Actor, BookingEvent, BookingStatus, PaymentStatus } from './statuses';

/** ISO 8601 instant with offset, e.g. `2026-12-01T09:00:00.000Z`. */
export type Instant = string;

/** The service's terms, copied into the workflow at booking time so later edits never change a running booking. */
export interface ServiceTerms {
  id: string;
  name: string;
  durationMinutes: number;
  /** The price of this booking (of its duration's tier, when the service has tiers). */
  priceCents: number;
  depositCents: number;
  currency: string;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  paymentWindowMinutes: number;
  refundWindowHours: number;
  reminderOffsetsMinutes: number[];
  /** How often a customer may move the booking; an admin may go past it. */
  maxReschedules: number;
}

export interface ResourceRef {
  id: string;
  name: string;
  timeZone: string;
}

export interface Customer {
  name: string;
  email: string;
  phone: string | null;
}

/** How the frontend takes the payment: a hosted checkout page, or an embedded form (Stripe Payment Element). */
export type PaymentMode = 'checkout' | 'elements';

export interface BookingWorkflowInput {
  bookingId: string;
  service: ServiceTerms;
  resource: ResourceRef;
  start: Instant;
  end: Instant;
  customer: Customer;
  notes: string | null;
  /** Used to build links (checkout, manage booking) in messages. */
  publicBaseUrl: string;
  paymentMode?: PaymentMode;
  /** Declined attempts allowed before the booking ends PAYMENT_FAILED. */
  maxPaymentAttempts?: number;
  /** How long after the end an admin may still mark a completed booking as a no-show. */
  noShowGraceMinutes?: number;
  /** How long a finished booking stays open to refund a payment that arrives late. */
  latePaymentGraceMinutes?: number;
  /**
   * Continue as new once the history has this many events, even before Temporal suggests it. Unset:
   * only when Temporal suggests it. Lets tests and operators bound a run's history tightly.
   */
  continueAsNewAfterEvents?: number;
  /** Set only by continue-as-new: everything the previous run of this booking knew. */
  carried?: CarriedBooking;
}

export interface HistoryEntry {
  status: BookingStatus;
  event: BookingEvent;
  at: Instant;
  actor: Actor;
  detail?: string;
}

export interface PaymentState {
  status: PaymentStatus;
  /** What the customer pays when booking: the deposit when the service takes one, else the price. */
  amountCents: number;
  /** The service's full price for this booking. */
  priceCents: number;
  depositCents: number;
  currency: string;
  refundedCents: number;
  provider: string | null;
  sessionId: string | null;
  checkoutUrl: string | null;
  /** Stripe Payment Element: the PaymentIntent's client secret the frontend confirms. */
  clientSecret: string | null;
  paymentId: string | null;
  failedAttempts: number;
}

/**
 * An undo the booking owes, as data: a step's compensation and what it needs, so the stack survives
 * continue-as-new and a failed undo can be retried later by the same description.
 */
export type Undo =
  | { step: 'hold'; holdKey: string }
  | { step: 'payment-session'; sessionKey: string }
  | { step: 'payment' }
  | { step: 'calendar-event'; eventKey: string }
  /** A payment the booking cannot keep (late, wrong amount, found on an expired session) goes back in full. */
  | { step: 'unkept-payment'; provider: string; paymentId: string; amountCents: number; currency: string; reason: string }
  /** A refund the booking made that the provider reports failed: made again, under a key of its own (issue 6). */
  | { step: 'failed-refund'; provider: string; paymentId: string; failedRefundId: string; amountCents: number; currency: string; reason: string };

/** A refund's state at the provider: pending → succeeded, or → failed / canceled (both final). */
export const RefundState = { PENDING: 'pending', SUCCEEDED: 'succeeded', FAILED: 'failed', CANCELED: 'canceled' } as const;
export type RefundState = (typeof RefundState)[keyof typeof RefundState];

/** One refund as a provider event or our own refund call reports it. */
export interface RefundReport {
  /** The provider's refund id. */
  refundId: string;
  amountCents: number;
  state: RefundState;
  /** The refund carries this booking's id: the booking made it (not someone in the provider's dashboard). */
  byBooking?: boolean;
}

export interface KnownRefund {
  amountCents: number;
  state: RefundState;
  /** Made by this booking (its cancellation, a payment given back, a re-made refund): owed, so re-made when it fails. */
  own?: boolean;
  /** A failed refund the booking has made again (once per failed refund, under a key of its own). */
  remade?: boolean;
}

/** What the provider reported refunded on one payment: each refund known by id, and totals that name none. */
export interface RefundLedger {
  refunds: Record<string, KnownRefund>;
  /** The largest total the provider reported without naming its refunds. */
  reportedTotalCents: number;
}

/** A refund or release that failed after its retries and is retried on a timer until it succeeds. */
export interface PendingUndo {
  /** A short operator-facing name: `refund`, `release-hold`, `expire-payment-session`, `delete-calendar-event`. */
  name: string;
  undo: Undo;
  /** For refunds: the amount fixed when first tried, so every retry asks for the same refund. */
  amountCents?: number;
  attempts: number;
  lastError: string;
  since: Instant;
}

/** The booking as the workflow owns it; what the `getBooking` query returns. */
export interface BookingState {
  id: string;
  status: BookingStatus;
  serviceId: string;
  resourceId: string;
  start: Instant;
  end: Instant;
  customer: Customer;
  notes: string | null;
  payment: PaymentState;
  history: HistoryEntry[];
  /** Bumped by each reschedule: the calendar invite's SEQUENCE and per-slot message keys follow it. */
  revision: number;
  /** Hold attempts made so far; each attempt gets its own hold key. */
  holdAttempts: number;
  /** The hold that keeps this booking's time, while it has one. */
  holdKey: string | null;
  /**
   * Until when a customer's cancellation is refunded under the policy. Fixed once it passes: moving
   * the appointment later does not open the refund window again.
   */
  refundableUntil: Instant;
  calendarEventId: string | null;
  cancellationReason: string | null;
  /** Undos that failed and are being retried; not empty means an operator may want to look. */
  pendingUndos: PendingUndo[];
  /** Flags for an operator (`compensation-failing`, `disputed`...), also a search attribute. */
  attention: string[];
  createdAt: Instant;
  updatedAt: Instant;
}

/** The booking without its history: what updates answer, so a result never grows with the booking. */
export type BookingSnapshot = Omit<BookingState, 'history'>;

/** What one run hands the next on continue-as-new, besides the input. */
export interface CarriedBooking {
  state: BookingState;
  seenPaymentEvents: string[];
  /** Refunded totals the provider reported for a payment before the booking kept it (issue 6), by payment id. */
  refundReports?: Record<string, number>;
  /** What the provider reported refunded on each payment, refund by refund (issue 6), by payment id. */
  refundLedgers?: Record<string, RefundLedger>;
  /** Payments the booking gave back (late, wrong amount): a second announcement of one is not refunded again. */
  unkeptPayments?: string[];
  sentReminderKeys: string[];
  compensations: Undo[];
  /** Whether the confirmation step (hold booked, calendar event, message) is done. */
  confirmed: boolean;
}

/** Result of the create update: the held booking (or a rejection raised as SLOT_UNAVAILABLE). Its history is a few entries long. */
export interface CreateBookingResult {
  booking: BookingState;
  checkoutUrl: string | null;
  clientSecret: string | null;
}

export const RefundChoice = { POLICY: 'policy', FULL: 'full', NONE: 'none' } as const;
export type RefundChoice = (typeof RefundChoice)[keyof typeof RefundChoice];

export interface CancelBookingInput {
  reason: string | null;
  actor: Actor;
  refund: RefundChoice;
}

export interface RescheduleBookingInput {
  start: Instant;
  end: Instant;
  actor: Actor;
}

export interface MarkNoShowInput {
  actor: Actor;
}

/** A payment provider event, verified by the webhook route and delivered as a signal. */
export interface PaymentSignal {
  /** Provider event id; the workflow ignores one it has seen. */
  eventId: string;
  /**
   * `succeeded` / `failed`: a payment attempt's outcome. `processing`: a delayed method (SEPA, bank
   * transfer) was started; the booking keeps waiting. `refunded`: the provider reports the total refunded
   * so far (`refundedCents`). `refund_failed`: a refund the provider had accepted failed later.
   * `disputed`: the customer disputed the charge.
   */
  kind: 'succeeded' | 'failed' | 'processing' | 'refunded' | 'refund_failed' | 'disputed';
  provider: string;
  sessionId: string | null;
  paymentId: string | null;
  amountCents: number;
  currency: string;
  /** With `refunded`: the total refunded on this payment so far, as the provider reports it. */
  refundedCents?: number;
  /** With `refunded` / `refund_failed`: the one refund the event is about and its state (Stripe's refund events). */
  refund?: RefundReport;
  reason?: string;
}

/** Input of the workflow that refunds a payment whose booking was already closed. */
export interface LatePaymentRefundInput {
  bookingId: string;
  provider: string;
  paymentId: string;
  amountCents: number;
  currency: string;
}

/** A refund the provider reported failed after the booking's workflow had closed (see closed-booking-refund-failed.workflow.ts). */
export interface ClosedBookingRefundFailedInput {
  bookingId: string;
  provider: string;
  paymentId: string;
  failedRefundId: string;
  amountCents: number;
  currency: string;
  /** The provider's reason, for the operator. */
  reason: string | null;
}

export interface ClosedBookingRefundFailedResult {
  /** The refund made again, or null when too many had failed already and an operator must refund another way. */
  refundId: string | null;
}
