import type { SendNotificationInput, SendNotificationResult } from './activities';
import type { Instant } from './booking-types';

/**
 * The SMS fallback (issue 8): when Twilio reports that a text message ended `undelivered` or
 * `failed`, the status-callback route starts one small workflow per SMS notification, whose activity
 * emails the customer what the phone did not get. The workflow id comes from the notification, so a
 * callback that arrives twice (or both `undelivered` and `failed`) starts it once; the email's own
 * `notifications` row (per booking, step and channel) keeps it from ever going out twice.
 */
export const SMS_FALLBACK_WORKFLOW_TYPE = 'smsFallbackWorkflow';

export function smsFallbackWorkflowId(notificationId: string): string {
  return `sms-fallback-${notificationId}`;
}

export interface SmsFallbackInput {
  /** The SMS's `notifications` row. */
  notificationId: string;
  /** For the manage link in the email. */
  publicBaseUrl: string;
}

export interface SmsFallbackResult {
  /** `sent` now, `already-sent` earlier, or why not (`no-email-channel`, `no-booking`, `final-failure`...). */
  outcome: string;
}

/** Activities outside the booking workflow's interface: only the fallback workflow calls them. */
export interface MessageDeliveryActivities {
  sendSmsFallback(input: SmsFallbackInput): Promise<SmsFallbackResult>;
}

/**
 * One message of a booking, delivered off the booking's path: the booking starts this workflow as an
 * abandoned child (id `messageDeliveryWorkflowId`) and goes on at once; the workflow retries the send
 * with bounded backoff and no attempt limit until it is delivered or `deliverBy` passes. A permanent
 * refusal fails it at once (the workflow fails, the `notifications` row keeps the code and reason).
 */
export const MESSAGE_DELIVERY_WORKFLOW_TYPE = 'messageDeliveryWorkflow';

export interface MessageDeliveryInput {
  message: SendNotificationInput;
  /** After this the message makes no sense any more (a reminder once the appointment started): given up. */
  deliverBy: Instant;
}

export interface MessageDeliveryResult {
  /** `sent` (now or earlier), `superseded` (the booking moved past it) or `too-late` (started after `deliverBy`). */
  outcome: 'sent' | 'superseded' | 'too-late';
  /** Channels sent by this workflow. */
  sent: string[];
  superseded?: SendNotificationResult['superseded'];
}
