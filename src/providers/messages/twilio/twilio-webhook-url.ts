/** Where Twilio posts status callbacks: the sender sets it on every message, the route verifies signatures against it. */
export const TWILIO_WEBHOOK_PATH = '/v1/webhooks/twilio';

export function twilioStatusCallbackUrl(publicBaseUrl: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${TWILIO_WEBHOOK_PATH}`;
}
