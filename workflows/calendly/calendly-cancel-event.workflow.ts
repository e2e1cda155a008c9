import { proxyActivities } from '@temporalio/workflow';
import type { CalendlyActivities, CancelCalendlyEventInput } from '../contract/calendly';
import { NON_RETRYABLE_FAILURES } from '../contract/failure-types';

const { cancelCalendlyEvent } = proxyActivities<Pick<CalendlyActivities, 'cancelCalendlyEvent'>>({
  startToCloseTimeout: '30 seconds',
  // No attempt limit: the invitee must hear that the time was refused, however long Calendly is down.
  // An auth failure stops it (non-retryable) and shows as a failed workflow in the Web UI.
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES] },
});

/** Cancels a Calendly event this product refused (its slot was taken here), so Calendly tells the invitee why. */
export async function calendlyCancelEventWorkflow(input: CancelCalendlyEventInput): Promise<void> {
  await cancelCalendlyEvent(input);
}
