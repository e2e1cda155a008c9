import { randomBytes } from 'node:crypto';

/** Prefixed random ids like a real provider's (`cs_…`, `pi_…`), so logs show what an id names. */
export function localId(prefix: 'lcs' | 'lpay' | 'lre' | 'evt'): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}
