/** Every status a booking can be in. `as const` + derived union: safe to serialize, no enum runtime. */
export const BookingStatus = {
  PENDING: 'PENDING',
  AWAITING_PAYMENT: 'AWAITING_PAYMENT',
  CONFIRMED: 'CONFIRMED',
  COMPLETED: 'COMPLETED',
  NO_SHOW: 'NO_SHOW',
  CANCELLED: 'CANCELLED',
  EXPIRED: 'EXPIRED',
  REJECTED: 'REJECTED',
  PAYMENT_FAILED: 'PAYMENT_FAILED',
} as const;
export type BookingStatus = (typeof BookingStatus)[keyof typeof BookingStatus];

export const BOOKING_STATUSES = Object.values(BookingStatus) as BookingStatus[];

export const PaymentStatus = {
  NOT_REQUIRED: 'NOT_REQUIRED',
  PENDING: 'PENDING',
  PAID: 'PAID',
  FAILED: 'FAILED',
  EXPIRED: 'EXPIRED',
  /** A refund is owed and still being retried: the money has not gone back yet. */
  REFUND_PENDING: 'REFUND_PENDING',
  PARTIALLY_REFUNDED: 'PARTIALLY_REFUNDED',
  REFUNDED: 'REFUNDED',
} as const;
export type PaymentStatus = (typeof PaymentStatus)[keyof typeof PaymentStatus];

/** What moved a booking: the names recorded in its history and in `booking_events`. */
export const BookingEvent = {
  CREATED: 'created',
  HOLD_PLACED: 'hold_placed',
  SLOT_TAKEN: 'slot_taken',
  PAYMENT_REQUESTED: 'payment_requested',
  PAID: 'paid',
  PAYMENT_FAILED: 'payment_failed',
  PAYMENT_DEADLINE_PASSED: 'payment_deadline_passed',
  NO_PAYMENT_NEEDED: 'no_payment_needed',
  CANCELLED: 'cancelled',
  RESCHEDULED: 'rescheduled',
  APPOINTMENT_OVER: 'appointment_over',
  MARKED_NO_SHOW: 'marked_no_show',
  CONFIRMATION_FAILED: 'confirmation_failed',
  /** Not a move: a payment arrived for a booking no longer waiting for one and was refunded. */
  LATE_PAYMENT_REFUNDED: 'late_payment_refunded',
  /** A payment of another amount or currency than due was refunded; the booking still waits for payment. */
  UNMATCHED_PAYMENT_REFUNDED: 'unmatched_payment_refunded',
  /** Not a move: an undo (refund, hold release, calendar delete) keeps failing and is being retried. */
  COMPENSATION_FAILING: 'compensation_failing',
  /** Not a move: an undo that had been failing finally succeeded. */
  COMPENSATION_DONE: 'compensation_done',
  /** Not a move: the provider reports a refund failed (the money is back with the merchant). */
  REFUND_FAILED: 'refund_failed',
  /** Not a move: a refund the provider reported failed was made again and accepted. */
  REFUND_REMADE: 'refund_remade',
} as const;
export type BookingEvent = (typeof BookingEvent)[keyof typeof BookingEvent];

/** Events that record something about the booking without moving its status. */
export const NOTE_EVENTS: readonly BookingEvent[] = [
  BookingEvent.LATE_PAYMENT_REFUNDED,
  BookingEvent.COMPENSATION_FAILING,
  BookingEvent.COMPENSATION_DONE,
  BookingEvent.REFUND_FAILED,
  BookingEvent.REFUND_REMADE,
];

export const Actor = {
  CUSTOMER: 'customer',
  ADMIN: 'admin',
  SYSTEM: 'system',
  PROVIDER: 'provider',
  OPERATOR: 'operator',
} as const;
export type Actor = (typeof Actor)[keyof typeof Actor];

export const TERMINAL_STATUSES: readonly BookingStatus[] = [
  BookingStatus.COMPLETED,
  BookingStatus.NO_SHOW,
  BookingStatus.CANCELLED,
  BookingStatus.EXPIRED,
  BookingStatus.REJECTED,
  BookingStatus.PAYMENT_FAILED,
];
