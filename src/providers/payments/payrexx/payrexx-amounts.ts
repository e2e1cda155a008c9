/** Reading a gateway's payment and refunds, as Payrexx's own plugins do (pure). */
import { PayrexxStatus } from './payrexx-names';
import type { PayrexxGateway, PayrexxTransaction } from './payrexx-types';

const REFUND_STATUSES: readonly string[] = [PayrexxStatus.REFUNDED, PayrexxStatus.PARTIALLY_REFUNDED];

const transactionsOf = (gateway: PayrexxGateway): PayrexxTransaction[] => (gateway.invoices ?? []).flatMap((i) => i.transactions ?? []);

/** The gateway's payment: its confirmed transaction (or one refunded since), or null while unpaid. */
export function paymentOf(gateway: PayrexxGateway): { transaction: PayrexxTransaction; currency: string } | null {
  for (const invoice of gateway.invoices ?? []) {
    const paid = (invoice.transactions ?? []).find((t) => t.amount > 0 && (t.status === PayrexxStatus.CONFIRMED || REFUND_STATUSES.includes(t.status)));
    if (paid) return { transaction: paid, currency: (invoice.currency ?? gateway.currency ?? '').toUpperCase() };
  }
  return null;
}

/** What was refunded on the gateway in total: its refund transactions (negative amounts). */
export function refundedCents(gateway: PayrexxGateway): number {
  return transactionsOf(gateway)
    .filter((t) => REFUND_STATUSES.includes(t.status) && t.amount < 0)
    .reduce((sum, t) => sum - t.amount, 0);
}
