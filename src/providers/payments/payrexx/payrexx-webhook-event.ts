/**
 * Payrexx webhooks (`transaction` events). Payrexx does not sign them the way Stripe does, so the only
 * thing taken from the payload is the transaction's id: its status, amount and gateway are read back
 * from the Payrexx API (the route does that) before anything becomes a signal. Pure functions.
 */
import type { PaymentSignal } from '../../../../workflows/contract';
import { PayrexxStatus } from './payrexx-names';

/**
 * The transaction id a webhook names, from either of the bodies Payrexx can send: JSON, or the
 * PHP-style form post (`transaction[id]=...`). Null when there is none.
 */
export function webhookTransactionId(raw: Buffer, contentType: string | undefined): string | null {
  const text = raw.toString('utf8');
  let id: unknown;
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    id = new URLSearchParams(text).get('transaction[id]');
  } else {
    try {
      id = (JSON.parse(text) as { transaction?: { id?: unknown } }).transaction?.id;
    } catch {
      return null;
    }
  }
  const value = typeof id === 'number' ? String(id) : id;
  return typeof value === 'string' && /^\d{1,20}$/.test(value) ? value : null;
}

/** What a (verified) transaction status means to the booking; null: nothing the booking acts on. */
export function signalKindOf(status: string): PaymentSignal['kind'] | null {
  switch (status) {
    case PayrexxStatus.CONFIRMED:
      return 'succeeded';
    case PayrexxStatus.DECLINED:
    case PayrexxStatus.ERROR:
      return 'failed';
    // A bank transfer or a reservation under way: the booking keeps waiting for its outcome.
    case PayrexxStatus.WAITING:
    case PayrexxStatus.AUTHORIZED:
    case PayrexxStatus.RESERVED:
      return 'processing';
    case PayrexxStatus.REFUNDED:
    case PayrexxStatus.PARTIALLY_REFUNDED:
      return 'refunded';
    case PayrexxStatus.DISPUTED:
      return 'disputed';
    // The customer left the page (`cancelled`) or it timed out: they may still pay before the deadline.
    default:
      return null;
  }
}
