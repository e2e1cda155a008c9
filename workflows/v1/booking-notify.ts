import { isCancellation, log } from '@temporalio/workflow';
import type { NotificationKind, SendNotificationInput } from './booking-activities.types';
import { bookingActivities } from './booking-activities';
import type { BookingRun } from './booking-run';

type Extra = Pick<SendNotificationInput, 'amountCents' | 'refundedCents' | 'checkoutUrl' | 'reason'>;

/**
 * Sends a message about the booking. A message that cannot be sent after all retries is logged, not
 * fatal: the booking itself already moved, and the notifications table shows what went out.
 */
export async function notify(run: BookingRun, kind: NotificationKind, key: string, extra: Extra = {}): Promise<boolean> {
  const { state, input } = run;
  try {
    await bookingActivities.sendNotification({
      bookingId: state.id,
      kind,
      key,
      customer: state.customer,
      serviceName: input.service.name,
      resourceName: input.resource.name,
      timeZone: input.resource.timeZone,
      start: state.start,
      end: state.end,
      currency: state.payment.currency,
      ...extra,
    });
    return true;
  } catch (error) {
    if (isCancellation(error)) throw error;
    log.warn('Notification not sent', { kind, key, error: error instanceof Error ? error.message : String(error) });
    return false;
  }
}
