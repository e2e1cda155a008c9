import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header the local provider signs with, shaped like Stripe's `Stripe-Signature`. */
export const LOCAL_SIGNATURE_HEADER = 'Local-Signature';

export type SignatureFailure = 'missing' | 'malformed' | 'mismatch' | 'stale';
export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; failure: SignatureFailure };

function digest(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`: the timestamp is signed too, so it cannot be replayed with a new one. */
export function signLocalWebhook(secret: string, rawBody: Buffer | string, timestamp: number): string {
  return `t=${timestamp},v1=${digest(secret, timestamp, rawBody)}`;
}

function parseHeader(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value)) return null;
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/.test(value)) return null;
      signatures.push(value);
    }
    // Unknown schemes are ignored, as Stripe does, so a future v2 can be added next to v1.
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/**
 * Checks a signature against the raw body exactly as received. Stale (or far-future) timestamps are
 * refused so a captured request cannot be replayed later; the comparison is constant-time.
 */
export function verifyLocalWebhook(
  secret: string,
  header: string | undefined,
  rawBody: Buffer | string,
  nowSeconds: number,
  toleranceSeconds: number,
): SignatureCheck {
  if (header === undefined || header.trim() === '') return { ok: false, failure: 'missing' };
  const parsed = parseHeader(header);
  if (!parsed) return { ok: false, failure: 'malformed' };
  const expected = Buffer.from(digest(secret, parsed.timestamp, rawBody), 'hex');
  const matches = parsed.signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected));
  if (!matches) return { ok: false, failure: 'mismatch' };
  if (Math.abs(nowSeconds - parsed.timestamp) > toleranceSeconds) return { ok: false, failure: 'stale' };
  return { ok: true, timestamp: parsed.timestamp };
}
