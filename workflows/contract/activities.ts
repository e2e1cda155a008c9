/**
 * What the booking workflow asks of the outside world. `createBookingActivities` in `activities/`
 * returns exactly this; the workflow proxies it by type. Every call is idempotent by the key it gets
 * (see `idempotency-keys.ts`), so a retry or a worker crash never repeats an effect.
 *
 * Inputs only ever gain optional fields: bookings started on an older workflow (workflows/v1) still
 * call these activities with the fields they knew.
 */
import type { BookingState, Customer, HistoryEntry, Instant, PaymentMode } from './booking-types';
import type { Actor, BookingEvent } from './statuses';

export interface HoldSlotInput {
  bookingId: string;
  holdKey: string;
  resourceId: string;
  start: Instant;
  end: Instant;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
}

export interface HoldRef {
  bookingId: string;
  holdKey: string;
}

export interface CreatePaymentSessionInput {
  bookingId: string;
  idempotencyKey: string;
  amountCents: number;
  currency: string;
  description: string;
  customerEmail: string;
  expiresAt: Instant;
  mode?: PaymentMode;
}

export interface PaymentSessionRef {
  provider: string;
  sessionId: string;
  /** Null in `elements` mode: the frontend confirms `clientSecret` itself. */
  checkoutUrl: string | null;
  clientSecret?: string | null;
}

export interface ExpirePaymentSessionInput {
  /** The provider that made the session; null when the workflow never heard back from it (then the configured one, which made it). */
  provider: string | null;
  /** Null when the workflow never learned the session's id (the create call failed after the provider made it). */
  sessionId: string | null;
  /** The key the session was created with: how the provider finds a session whose id the workflow never saw. */
  idempotencyKey?: string;
  bookingId?: string;
}

/** What closing a payment session found: nothing to take, or a payment that had already gone through. */
export type ExpirePaymentSessionResult =
  | { outcome: 'expired' }
  | { outcome: 'paid'; paymentId: string; amountCents: number; currency: string };

export interface RefundPaymentInput {
  bookingId: string;
  idempotencyKey: string;
  provider: string;
  paymentId: string;
  amountCents: number;
  currency: string;
  reason: string;
}

export interface CalendarEventInput {
  bookingId: string;
  idempotencyKey: string;
  resourceId: string;
  start: Instant;
  end: Instant;
  summary: string;
  description: string;
  attendeeEmail: string;
  attendeeName?: string;
  timeZone?: string;
}

export interface CalendarEventRef {
  eventId: string;
  resourceId: string;
}

export interface MoveCalendarEventInput {
  /** Null when the workflow never learned the event's id; the key finds it. */
  eventId: string | null;
  idempotencyKey?: string;
  bookingId?: string;
  resourceId: string;
  start: Instant;
  end: Instant;
}

export interface DeleteCalendarEventInput {
  eventId: string | null;
  idempotencyKey?: string;
  bookingId?: string;
  resourceId: string;
}

export const NotificationKind = {
  CONFIRMATION: 'confirmation',
  REMINDER: 'reminder',
  CANCELLATION: 'cancellation',
  RESCHEDULED: 'rescheduled',
  EXPIRED: 'expired',
  PAYMENT_FAILED: 'payment_failed',
  PAYMENT_REQUESTED: 'payment_requested',
  REFUND: 'refund',
} as const;
export type NotificationKind = (typeof NotificationKind)[keyof typeof NotificationKind];

export interface SendNotificationInput {
  bookingId: string;
  kind: NotificationKind;
  /** The message step (see `MessageStep`), unique per booking and channel; a second send with it does nothing. */
  key: string;
  /** The booking's revision: the calendar invite's SEQUENCE grows with it. */
  revision?: number;
  customer: Customer;
  serviceName: string;
  resourceName: string;
  timeZone: string;
  start: Instant;
  end: Instant;
  amountCents?: number;
  refundedCents?: number;
  currency?: string;
  checkoutUrl?: string | null;
  reason?: string | null;
  /** The manage link (booking id and token) every message carries. */
  publicBaseUrl?: string;
  /** Whether the booking was confirmed (so the customer holds our calendar invite): a cancellation withdraws it only then. */
  confirmed?: boolean;
  /**
   * Set by the message delivery workflow, whose message may wait out a long outage: a confirmation,
   * reminder or reschedule that the booking has moved past (cancelled, or rescheduled to a later
   * revision) is then not sent at all, rather than telling the customer an old time.
   */
  skipIfSuperseded?: boolean;
}

export interface SendNotificationResult {
  /** Channels that were sent now (not those already sent earlier). */
  sent: string[];
  /** Why nothing was sent: the booking moved past the message (only with `skipIfSuperseded`). */
  superseded?: string;
}

export interface RecordTransitionInput {
  booking: BookingState;
  entry: HistoryEntry;
  /** Position of `entry` in the booking's history (0-based); with the booking id it makes the write idempotent. */
  seq: number;
}

/** Something that happened to a booking whose workflow has closed: written to its audit trail, and flagged for an operator. */
export interface NoteOnClosedBookingInput {
  bookingId: string;
  event: BookingEvent;
  actor: Actor;
  detail: string;
  /** Added to the booking's attention flags (the admin API's `attention=true`). */
  attention?: string;
}

export interface NoteOnClosedBookingResult {
  /** Whether the booking is known to the read model (a note on an unknown booking writes nothing). */
  known: boolean;
  /** How many entries with this event the booking's audit trail held before this one. */
  earlier: number;
}

export interface BookingActivities {
  holdSlot(input: HoldSlotInput): Promise<{ holdId: string }>;
  releaseHold(input: HoldRef): Promise<void>;
  confirmHold(input: HoldRef): Promise<void>;
  createPaymentSession(input: CreatePaymentSessionInput): Promise<PaymentSessionRef>;
  expirePaymentSession(input: ExpirePaymentSessionInput): Promise<ExpirePaymentSessionResult>;
  refundPayment(input: RefundPaymentInput): Promise<{ refundId: string; amountCents: number }>;
  createCalendarEvent(input: CalendarEventInput): Promise<CalendarEventRef>;
  moveCalendarEvent(input: MoveCalendarEventInput): Promise<void>;
  deleteCalendarEvent(input: DeleteCalendarEventInput): Promise<void>;
  sendNotification(input: SendNotificationInput): Promise<SendNotificationResult>;
  recordTransition(input: RecordTransitionInput): Promise<void>;
  noteOnClosedBooking(input: NoteOnClosedBookingInput): Promise<NoteOnClosedBookingResult>;
}
