const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/**
 * The event id Google gets for a booking's event: its idempotency key in base32hex (RFC 4648, lower
 * case, no padding), the alphabet Google accepts for client-supplied ids (a–v, 0–9, 5 to 1024
 * characters). The same key always gives the same id, so a retried insert meets its own event (409)
 * instead of making a second one, and an undo that never learned the id still finds it.
 */
export function googleEventId(idempotencyKey: string): string {
  const bytes = Buffer.from(idempotencyKey, 'utf8');
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32HEX[(buffer << (5 - bits)) & 31];
  return out.padEnd(5, '0');
}
