import { isCancellation, log } from '@temporalio/workflow';
import type { NotificationKind, SendNotificationInput } from '../contract/activities';
import { stepActivities } from '../runtime/activities';
import type { BookingRun } from '../runtime/booking-run';
import { errorMessage } from '../runtime/failures';

type Extra = Pick<SendNotificationInput, 'amountCents' | 'refundedCents' | 'checkoutUrl' | 'reason'>;

/**
 * Sends a message about the booking (no undo: a message cannot be taken back). One that cannot be
 * sent after all retries is logged, not fatal: the booking itself already moved, and the
 * notifications table shows what went out and what failed.
 */
export async function notify(run: BookingRun, kind: NotificationKind, step: string, extra: Extra = {}): Promise<boolean> {
  const { state, input } = run;
  try {
    await stepActivities.sendNotification({
      bookingId: state.id,
      kind,
      key: step,
      revision: state.revision,
      customer: state.customer,
      serviceName: input.service.name,
      resourceName: input.resource.name,
      timeZone: input.resource.timeZone,
      start: state.start,
      end: state.end,
      currency: state.payment.currency,
      publicBaseUrl: input.publicBaseUrl,
      confirmed: run.confirmed,
      ...extra,
    });
    return true;
  } catch (error) {
    if (isCancellation(error)) throw error;
    log.warn('Notification not sent', { kind, step, error: errorMessage(error) });
    return false;
  }
}
