/**
 * What was refunded on one payment, as the provider reports it (issue 6). Pure: the workflow keeps one
 * ledger per payment (runtime/booking-run.ts) and shows `refundedTotal` as the booking's refundedCents.
 *
 * A refund's total can go down: when Stripe reports a refund `failed` (or `canceled`), the money is back
 * on the merchant's balance and the charge's `amount_refunded` drops by it. So the ledger keeps each
 * refund by id in the furthest state reported (pending → succeeded → failed/canceled; the last two are
 * final), and an older report delivered late never undoes a newer one. Totals that name no refund
 * (Stripe's `charge.refunded`, Payrexx's gateway) only count for refunds the ledger does not know by id.
 */
import { type KnownRefund, type RefundLedger, type RefundReport, RefundState } from '../contract/booking-types';
import { PaymentStatus } from '../contract/statuses';

/** The booking re-makes a failed refund it owes at most this often per payment; after that an operator must. */
export const MAX_REFUND_REMAKES = 3;

const RANK: Record<RefundState, number> = { pending: 0, succeeded: 1, failed: 2, canceled: 2 };

export const isFailed = (refund: KnownRefund): boolean => RANK[refund.state] === 2;

export function emptyRefundLedger(reportedTotalCents = 0): RefundLedger {
  return { refunds: {}, reportedTotalCents };
}

/** A report of one refund: kept when it is news, ignored when the ledger already knows a later state. */
export function withRefundReport(ledger: RefundLedger, report: RefundReport): RefundLedger {
  const known = ledger.refunds[report.refundId];
  const own = Boolean(known?.own) || Boolean(report.byBooking);
  const state = known && RANK[known.state] >= RANK[report.state] ? known.state : report.state;
  const next: KnownRefund = { amountCents: report.amountCents, state, ...(own ? { own } : {}), ...(known?.remade ? { remade: true } : {}) };
  return { ...ledger, refunds: { ...ledger.refunds, [report.refundId]: next } };
}

/** A total that names no refund: the largest one counts (an older, smaller total delivered late changes nothing). */
export function withReportedTotal(ledger: RefundLedger, totalCents: number): RefundLedger {
  return totalCents > ledger.reportedTotalCents ? { ...ledger, reportedTotalCents: totalCents } : ledger;
}

/**
 * A refund the booking just made. What the ledger showed before stays shown: the refunds it knew only
 * from a total are still there, the new one comes on top.
 */
export function withOwnRefund(ledger: RefundLedger, refundId: string, amountCents: number): RefundLedger {
  if (ledger.refunds[refundId]) return withRefundReport(ledger, { refundId, amountCents, state: RefundState.PENDING, byBooking: true });
  const untracked = untrackedCents(ledger);
  const next = withRefundReport(ledger, { refundId, amountCents, state: RefundState.PENDING, byBooking: true });
  return { ...next, reportedTotalCents: Math.max(next.reportedTotalCents, untracked + everKnownCents(next)) };
}

function everKnownCents(ledger: RefundLedger): number {
  return Object.values(ledger.refunds).reduce((sum, refund) => sum + refund.amountCents, 0);
}

/** Refunded per the totals beyond every refund known by id (one made in a dashboard, reported only as a total). */
function untrackedCents(ledger: RefundLedger): number {
  return Math.max(0, ledger.reportedTotalCents - everKnownCents(ledger));
}

/** What the payment has refunded now: its refunds that have not failed, and what totals show beyond them. */
export function refundedTotal(ledger: RefundLedger): number {
  const live = Object.values(ledger.refunds).filter((refund) => !isFailed(refund)).reduce((sum, refund) => sum + refund.amountCents, 0);
  return live + untrackedCents(ledger);
}

/** Failed refunds the booking owes and has not made again yet, while it may still re-make refunds on its own. */
export function refundsToRemake(ledger: RefundLedger): Array<{ refundId: string; amountCents: number }> {
  const remade = Object.values(ledger.refunds).filter((refund) => refund.remade).length;
  const owed = Object.entries(ledger.refunds).filter(([, refund]) => refund.own && isFailed(refund) && !refund.remade);
  return owed.slice(0, Math.max(0, MAX_REFUND_REMAKES - remade)).map(([refundId, refund]) => ({ refundId, amountCents: refund.amountCents }));
}

/** Failed refunds the booking owes but will not make again by itself (too many have failed): an operator must. */
export function refundsLeftToOperator(ledger: RefundLedger): string[] {
  const remaking = new Set(refundsToRemake(ledger).map((refund) => refund.refundId));
  return Object.entries(ledger.refunds)
    .filter(([refundId, refund]) => refund.own && isFailed(refund) && !refund.remade && !remaking.has(refundId))
    .map(([refundId]) => refundId);
}

export function markRemade(ledger: RefundLedger, refundId: string): RefundLedger {
  const known = ledger.refunds[refundId];
  return known ? { ...ledger, refunds: { ...ledger.refunds, [refundId]: { ...known, remade: true } } } : ledger;
}

/** The payment's status once `refundedCents` of `amountCents` are refunded: nothing refunded is a payment kept. */
export function refundedPaymentStatus(refundedCents: number, amountCents: number): PaymentStatus {
  if (refundedCents >= amountCents) return PaymentStatus.REFUNDED;
  return refundedCents > 0 ? PaymentStatus.PARTIALLY_REFUNDED : PaymentStatus.PAID;
}
