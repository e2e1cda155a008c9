/**
 * What the booking workflow asks of the outside world. The factory in `booking.activities.ts` returns
 * exactly this, and the workflow proxies it with a type-only import. Every call is idempotent, keyed
 * by booking id + step (the `*Key` fields), so a retry or a worker crash never repeats an effect.
 */
import type { BookingState, Customer, HistoryEntry, Instant } from './booking.types';

export interface HoldSlotInput {
  bookingId: string;
  /** `<bookingId>:hold:r<revision>`: one hold per booking revision. */
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
}

export interface PaymentSessionRef {
  provider: string;
  sessionId: string;
  checkoutUrl: string;
}

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
}

export interface CalendarEventRef {
  eventId: string;
  resourceId: string;
}

export interface MoveCalendarEventInput extends CalendarEventRef {
  start: Instant;
  end: Instant;
}

export const NotificationKind = {
  CONFIRMATION: 'confirmation',
  REMINDER: 'reminder',
  CANCELLATION: 'cancellation',
  RESCHEDULED: 'rescheduled',
  EXPIRED: 'expired',
  PAYMENT_FAILED: 'payment_failed',
  REFUND: 'refund',
} as const;
export type NotificationKind = (typeof NotificationKind)[keyof typeof NotificationKind];

export interface SendNotificationInput {
  bookingId: string;
  kind: NotificationKind;
  /** Unique per booking and channel, e.g. `reminder-1440m-r0`; a second send with it does nothing. */
  key: string;
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
}

export interface SendNotificationResult {
  /** Channels that were sent now (not those already sent earlier). */
  sent: string[];
}

export interface RecordTransitionInput {
  booking: BookingState;
  entry: HistoryEntry;
  /** Position of `entry` in the booking's history (0-based); with the booking id it makes the write idempotent. */
  seq: number;
}

export interface BookingActivities {
  holdSlot(input: HoldSlotInput): Promise<{ holdId: string }>;
  releaseHold(input: HoldRef): Promise<void>;
  confirmHold(input: HoldRef): Promise<void>;
  createPaymentSession(input: CreatePaymentSessionInput): Promise<PaymentSessionRef>;
  expirePaymentSession(input: { provider: string; sessionId: string }): Promise<void>;
  refundPayment(input: RefundPaymentInput): Promise<{ refundId: string; amountCents: number }>;
  createCalendarEvent(input: CalendarEventInput): Promise<CalendarEventRef>;
  moveCalendarEvent(input: MoveCalendarEventInput): Promise<void>;
  deleteCalendarEvent(input: CalendarEventRef): Promise<void>;
  sendNotification(input: SendNotificationInput): Promise<SendNotificationResult>;
  recordTransition(input: RecordTransitionInput): Promise<void>;
}
