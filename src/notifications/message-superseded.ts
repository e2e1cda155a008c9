import { BookingStatus, NotificationKind } from '../../workflows/contract';

/** Messages that describe the appointment as booked: pointless, even misleading, once the booking moved past them. */
const ABOUT_THE_APPOINTMENT: readonly NotificationKind[] = [NotificationKind.CONFIRMATION, NotificationKind.REMINDER, NotificationKind.RESCHEDULED];

/** Ends after which there is no appointment to confirm or remind of. */
const ENDED_WITHOUT_APPOINTMENT: readonly BookingStatus[] = [BookingStatus.CANCELLED, BookingStatus.EXPIRED, BookingStatus.PAYMENT_FAILED, BookingStatus.REJECTED];

/**
 * Why a delayed message should no longer go out, or null. A message waiting out a provider outage may
 * be overtaken by the booking: a confirmation or reminder of a booking since cancelled, or of a time
 * since rescheduled (a later revision), would tell the customer something no longer true. Other
 * messages (the cancellation, a refund) stay true and always go out.
 */
export function messageSuperseded(
  message: { kind: NotificationKind; revision?: number | undefined },
  booking: { status: BookingStatus; revision: number },
): string | null {
  if (!ABOUT_THE_APPOINTMENT.includes(message.kind)) return null;
  if (ENDED_WITHOUT_APPOINTMENT.includes(booking.status)) return `the booking is ${booking.status}`;
  if (message.revision !== undefined && booking.revision > message.revision) return `the booking was rescheduled (revision ${booking.revision})`;
  return null;
}
