import { proxyActivities, sleep } from '@temporalio/workflow';
import type { CalendlyActivities, RescheduleWaitInput, SettleCalendlyInviteeResult } from '../contract/calendly';
import { NON_RETRYABLE_FAILURES } from '../contract/failure-types';

const { settleCalendlyInvitee } = proxyActivities<Pick<CalendlyActivities, 'settleCalendlyInvitee'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES] },
});

/**
 * Calendly reports a reschedule as a cancellation (`rescheduled: true`) and a new invitee, in either
 * order. When the cancellation comes first its booking waits here; the new invitee, when it comes,
 * moves the booking (the intake marks the old invitee `rescheduled`). After the wait, an invitee still
 * waiting for its partner counts as cancelled.
 */
export async function calendlyRescheduleWaitWorkflow(input: RescheduleWaitInput): Promise<SettleCalendlyInviteeResult> {
  await sleep(input.waitMinutes * 60_000);
  return settleCalendlyInvitee({ inviteeUri: input.inviteeUri });
}
