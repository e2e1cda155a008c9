import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header Calendly signs its webhooks with: `t=<unix seconds>,v1=<hex HMAC-SHA256(signing key, "<t>.<raw body>")>`. */
export const CALENDLY_SIGNATURE_HEADER = 'Calendly-Webhook-Signature';

export type CalendlySignatureCheck = { ok: true; timestamp: number } | { ok: false; failure: 'missing' | 'malformed' | 'mismatch' | 'stale' };

function digest(key: string, timestamp: number, rawBody: Buffer | string): string {
  return createHmac('sha256', key).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** Signs as Calendly does (for tests and local tools). */
export function signCalendlyWebhook(key: string, rawBody: Buffer | string, timestamp: number): string {
  return `t=${timestamp},v1=${digest(key, timestamp, rawBody)}`;
}

/**
 * Checks Calendly's signature over the raw body exactly as received, in constant time, and refuses a
 * timestamp outside the tolerance so a captured delivery cannot be replayed later.
 */
export function verifyCalendlyWebhook(key: string, header: string | undefined, rawBody: Buffer | string, nowSeconds: number, toleranceSeconds: number): CalendlySignatureCheck {
  if (header === undefined || header.trim() === '') return { ok: false, failure: 'missing' };
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, failure: 'malformed' };
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === 't') {
      if (!/^\d{1,12}$/.test(value)) return { ok: false, failure: 'malformed' };
      timestamp = Number(value);
    } else if (name === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) return { ok: false, failure: 'malformed' };
      signatures.push(value.toLowerCase());
    }
  }
  if (timestamp === null || signatures.length === 0) return { ok: false, failure: 'malformed' };
  const expected = Buffer.from(digest(key, timestamp, rawBody), 'hex');
  if (!signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected))) return { ok: false, failure: 'mismatch' };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, failure: 'stale' };
  return { ok: true, timestamp };
}
