import type { BookingRecord } from './bookings.repository';
import type { BookingStatus, BookingEvent, PaymentStatus, BookingState, HistoryEntry } from '../../workflows/contract';

/** A booking as the API shows it (API.md `Booking`): what the customer and admins may see. */
export interface BookingView {
  id: string;
  status: BookingStatus;
  serviceId: string;
  resourceId: string;
  start: string;
  end: string;
  customer: { name: string; email: string; phone: string | null };
  payment: { status: PaymentStatus; amountCents: number; currency: string; refundedCents: number };
  history: { status: BookingStatus; event: BookingEvent; at: string }[];
  createdAt: string;
  updatedAt: string;
}

function historyView(history: readonly Pick<HistoryEntry, 'status' | 'event' | 'at'>[]): BookingView['history'] {
  return history.map((h) => ({ status: h.status, event: h.event, at: h.at }));
}

/** From the workflow's own state (the `getBooking` query): the truth while the workflow exists. */
export function bookingViewFromState(state: BookingState): BookingView {
  return {
    id: state.id,
    status: state.status,
    serviceId: state.serviceId,
    resourceId: state.resourceId,
    start: state.start,
    end: state.end,
    customer: { name: state.customer.name, email: state.customer.email, phone: state.customer.phone },
    payment: {
      status: state.payment.status,
      amountCents: state.payment.amountCents,
      currency: state.payment.currency,
      refundedCents: state.payment.refundedCents,
    },
    history: historyView(state.history),
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
  };
}

/** From the read model: for bookings whose workflow Temporal no longer keeps. */
export function bookingViewFromRecord(record: BookingRecord): BookingView {
  return {
    id: record.id,
    status: record.status,
    serviceId: record.serviceId,
    resourceId: record.resourceId,
    start: record.start,
    end: record.end,
    customer: record.customer,
    payment: record.payment,
    history: historyView(record.history),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
