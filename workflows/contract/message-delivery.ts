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
