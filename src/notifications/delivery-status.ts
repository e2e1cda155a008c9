/**
 * What the providers report about a message after they took it, and how reports combine. Twilio
 * posts a status callback per change (`queued`, `sent`, `delivered`, `undelivered`, `failed`...), in
 * no guaranteed order and sometimes twice; an SMTP server answers once (`accepted` or `rejected`).
 */
const RANK: Record<string, number> = {
  logged: 1,
  accepted: 1,
  scheduled: 1,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  undelivered: 4,
  failed: 4,
  rejected: 4,
  canceled: 4,
  read: 5,
};

/** Whether a report moves the message on: a later stage replaces an earlier one, never the other way round. */
export function supersedes(current: string | null, reported: string): boolean {
  const next = RANK[reported];
  if (next === undefined) return false;
  return current === null || next > (RANK[current] ?? 0);
}

/** The message will not reach the phone: an SMS that ends here falls back to email. */
export function isDeliveryFailure(status: string | null): boolean {
  return status === 'undelivered' || status === 'failed';
}

/** Twilio's most common delivery error codes, so operators read a reason next to the number. */
const TWILIO_DELIVERY_ERRORS: Record<string, string> = {
  '30001': 'Queue overflow',
  '30002': 'Account suspended',
  '30003': 'Unreachable destination handset',
  '30004': 'Message blocked',
  '30005': 'Unknown destination handset',
  '30006': 'Landline or unreachable carrier',
  '30007': 'Message filtered by the carrier',
  '30008': 'Unknown error',
  '30032': 'Toll-free number not verified',
  '30034': 'Message from an unregistered number (A2P 10DLC)',
  '21610': 'The recipient replied STOP (unsubscribed)',
  '21211': "Invalid 'To' phone number",
  '21614': "'To' number is not a mobile number",
};

export function twilioErrorDescription(code: string | null | undefined): string | null {
  if (!code) return null;
  return TWILIO_DELIVERY_ERRORS[code] ?? `Twilio error ${code}`;
}
