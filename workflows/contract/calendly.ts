/**
 * Issue 7: the small workflows of the Calendly intake (outside the booking workflow), their ids and
 * the activities only they call. A Calendly invitee is named by its URI
 * (`https://api.calendly.com/scheduled_events/<event>/invitees/<invitee>`).
 */
import type { SendNotificationInput } from './activities';

export const CALENDLY_CANCEL_EVENT_WORKFLOW_TYPE = 'calendlyCancelEventWorkflow';
export const CALENDLY_RESCHEDULE_WAIT_WORKFLOW_TYPE = 'calendlyRescheduleWaitWorkflow';
export const PAYMENT_REQUEST_WORKFLOW_TYPE = 'paymentRequestWorkflow';

/** One cancellation per Calendly event: a repeated refusal never cancels twice. */
export function calendlyCancelEventWorkflowId(scheduledEventUri: string): string {
  return `calendly-cancel-${scheduledEventUri}`;
}

/** One wait per cancelled invitee. */
export function calendlyRescheduleWaitWorkflowId(inviteeUri: string): string {
  return `calendly-reschedule-wait-${inviteeUri}`;
}

/** One payment request message per booking. */
export function paymentRequestWorkflowId(bookingId: string): string {
  return `payment-request-${bookingId}`;
}

export interface CancelCalendlyEventInput {
  scheduledEventUri: string;
  /** Shown to the invitee by Calendly. */
  reason: string;
}

export interface RescheduleWaitInput {
  /** The invitee Calendly cancelled as `rescheduled`. */
  inviteeUri: string;
  /** How long its new invitee may take to arrive before the cancellation counts as one. */
  waitMinutes: number;
}

export type SettleCalendlyInviteeResult = 'rescheduled' | 'cancelled' | 'nothing-to-do';

/** Activities outside the booking workflow's interface: only the Calendly workflows call them. */
export interface CalendlyActivities {
  /** Cancels the Calendly event with the reason; an event already cancelled or gone is done. */
  cancelCalendlyEvent(input: CancelCalendlyEventInput): Promise<void>;
  /** After the wait: a cancelled invitee whose new invitee never came cancels its booking. */
  settleCalendlyInvitee(input: { inviteeUri: string }): Promise<SettleCalendlyInviteeResult>;
}

/** The message with the checkout link, for bookings that came in without a page to show it on (Calendly). */
export type PaymentRequestInput = SendNotificationInput;
