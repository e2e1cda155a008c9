import type { Actor, BookingEvent, BookingStatus, PaymentStatus } from './booking-status';

/** ISO 8601 instant with offset, e.g. `2026-12-01T09:00:00.000Z`. */
export type Instant = string;

/** The service's terms, copied into the workflow at booking time so later edits never change a running booking. */
export interface ServiceTerms {
  id: string;
  name: string;
  durationMinutes: number;
  priceCents: number;
  depositCents: number;
  currency: string;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  paymentWindowMinutes: number;
  refundWindowHours: number;
  reminderOffsetsMinutes: number[];
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
  /** Declined attempts allowed before the booking ends PAYMENT_FAILED. */
  maxPaymentAttempts?: number;
  /** How long after the end an admin may still mark a completed booking as a no-show. */
  noShowGraceMinutes?: number;
  /** How long a finished booking stays open to refund a payment that arrives late. */
  latePaymentGraceMinutes?: number;
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
  amountCents: number;
  currency: string;
  refundedCents: number;
  provider: string | null;
  sessionId: string | null;
  checkoutUrl: string | null;
  paymentId: string | null;
  failedAttempts: number;
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
  /** Bumped by each reschedule; part of the idempotency keys of per-slot steps. */
  revision: number;
  calendarEventId: string | null;
  cancellationReason: string | null;
  createdAt: Instant;
  updatedAt: Instant;
}

/** Result of the create update: the held booking (or a rejection raised as SLOT_UNAVAILABLE). */
export interface CreateBookingResult {
  booking: BookingState;
  checkoutUrl: string | null;
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

/** A payment provider event, delivered by the webhook route as a signal. */
export interface PaymentSignal {
  /** Provider event id; the workflow ignores one it has seen. */
  eventId: string;
  kind: 'succeeded' | 'failed';
  provider: string;
  sessionId: string | null;
  paymentId: string | null;
  amountCents: number;
  currency: string;
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
