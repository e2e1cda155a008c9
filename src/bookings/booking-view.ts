import type { BookingRecord } from './bookings.repository';
import { balanceDueCents } from '../pricing/balance-due';
import { BookingStatus, PaymentStatus, type BookingEvent, type BookingState, type HistoryEntry, type PendingUndo } from '../../workflows/contract';

/** A booking as the API shows it (API.md `Booking`): what the customer and admins may see. */
export interface BookingView {
  id: string;
  status: BookingStatus;
  serviceId: string;
  resourceId: string;
  start: string;
  end: string;
  customer: { name: string; email: string; phone: string | null };
  payment: PaymentView;
  history: { status: BookingStatus; event: BookingEvent; at: string }[];
  createdAt: string;
  updatedAt: string;
}

/** What the booking costs and where its payment stands (API.md `Booking.payment`). */
export interface PaymentView {
  provider: string | null;
  status: PaymentStatus;
  /** Charged when booking: the deposit when the service takes one, else the price. */
  amountCents: number;
  depositCents: number;
  /** Left to pay at the appointment while it is ahead. */
  balanceDueCents: number;
  priceCents: number;
  refundedCents: number;
  currency: string;
}

/** An undo that keeps failing, as an operator reads it. */
export interface PendingUndoView {
  name: string;
  attempts: number;
  lastError: string;
  since: string;
}

/**
 * What admins see besides the public booking: what the saga still owes and why it may need them.
 * Kept off the public view: an undo's last error is the provider's wording, not the customer's business.
 */
export interface AdminBookingView extends BookingView {
  pendingUndos: PendingUndoView[];
  attention: string[];
}

type BookingSource = Pick<BookingState, 'id' | 'status' | 'serviceId' | 'resourceId' | 'start' | 'end' | 'customer' | 'history' | 'createdAt' | 'updatedAt'> & {
  // Optional: states of the v1 workflow and read-model rows from before issue 6 lack them.
  payment: Pick<BookingState['payment'], 'status' | 'amountCents' | 'currency' | 'refundedCents'> &
    Partial<Pick<BookingState['payment'], 'provider' | 'priceCents' | 'depositCents'>>;
};

function historyView(history: readonly Pick<HistoryEntry, 'status' | 'event' | 'at'>[]): BookingView['history'] {
  return history.map((h) => ({ status: h.status, event: h.event, at: h.at }));
}

function bookingView(source: BookingSource): BookingView {
  return {
    id: source.id,
    status: source.status,
    serviceId: source.serviceId,
    resourceId: source.resourceId,
    start: source.start,
    end: source.end,
    customer: { name: source.customer.name, email: source.customer.email, phone: source.customer.phone },
    payment: paymentView(source.status, source.payment),
    history: historyView(source.history),
    createdAt: source.createdAt,
    updatedAt: source.updatedAt,
  };
}

function paymentView(status: BookingStatus, payment: BookingSource['payment']): PaymentView {
  const priceCents = payment.priceCents ?? payment.amountCents;
  return {
    provider: payment.provider ?? null,
    status: payment.status,
    amountCents: payment.amountCents,
    depositCents: payment.depositCents ?? 0,
    balanceDueCents: balanceDueCents({ status, priceCents, amountCents: payment.amountCents }),
    priceCents,
    refundedCents: payment.refundedCents,
    currency: payment.currency,
  };
}

function pendingUndoViews(undos: readonly PendingUndo[] | undefined): PendingUndoView[] {
  return (undos ?? []).map((u) => ({ name: u.name, attempts: u.attempts, lastError: u.lastError, since: u.since }));
}

/** From the workflow's own state (the `getBooking` query): the truth while the workflow exists. */
export function bookingViewFromState(state: BookingState): BookingView {
  return bookingView(state);
}

/** From the read model, which the workflow writes at each transition. */
export function bookingViewFromRecord(record: BookingRecord): BookingView {
  return bookingView(record);
}

export function adminBookingViewFromState(state: BookingState): AdminBookingView {
  // Bookings of the v1 workflow carry neither list.
  return { ...bookingView(state), pendingUndos: pendingUndoViews(state.pendingUndos), attention: [...(state.attention ?? [])] };
}

export function adminBookingViewFromRecord(record: BookingRecord): AdminBookingView {
  return { ...bookingView(record), pendingUndos: pendingUndoViews(record.pendingUndos), attention: [...record.attention] };
}

/** The checkout link while the booking still waits for its payment; null once there is nothing (left) to pay. */
export function pendingCheckoutUrl(record: Pick<BookingRecord, 'status' | 'payment' | 'checkoutUrl'>): string | null {
  const waiting = record.status === BookingStatus.AWAITING_PAYMENT && record.payment.status === PaymentStatus.PENDING;
  return waiting ? record.checkoutUrl : null;
}
