import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RefundReport } from '../../workflows/contract';
import {
  emptyRefundLedger,
  markRemade,
  MAX_REFUND_REMAKES,
  refundedPaymentStatus,
  refundedTotal,
  refundsLeftToOperator,
  refundsToRemake,
  withOwnRefund,
  withRefundReport,
  withReportedTotal,
} from '../../workflows/state/refund-ledger';

const report = (refundId: string, state: RefundReport['state'], amountCents = 5000, byBooking = true): RefundReport => ({ refundId, amountCents, state, byBooking });
const apply = (...reports: RefundReport[]) => reports.reduce(withRefundReport, emptyRefundLedger());

describe('refund ledger', () => {
  it('no longer counts a refund Stripe reports failed, whatever order its reports come in', () => {
    const inOrder = apply(report('re_1', 'pending'), report('re_1', 'succeeded'), report('re_1', 'failed'));
    const reversed = apply(report('re_1', 'failed'), report('re_1', 'succeeded'), report('re_1', 'pending'));
    assert.equal(refundedTotal(inOrder), 0);
    assert.equal(refundedTotal(reversed), 0);
    assert.equal(inOrder.refunds.re_1?.state, 'failed');
    assert.equal(reversed.refunds.re_1?.state, 'failed');
  });

  it('counts a canceled refund as given back too, and a pending one as refunded', () => {
    assert.equal(refundedTotal(apply(report('re_1', 'pending'), report('re_2', 'canceled', 2000))), 5000);
  });

  it('a total that predates the failure does not raise the total again', () => {
    const own = withOwnRefund(emptyRefundLedger(), 're_1', 5000);
    const failed = withRefundReport(own, report('re_1', 'failed'));
    assert.equal(refundedTotal(withReportedTotal(failed, 5000)), 0);
  });

  it('shows a refund known only from a total (made in the Dashboard), and drops it once it is reported failed', () => {
    const dashboard = withReportedTotal(emptyRefundLedger(), 2500);
    assert.equal(refundedTotal(dashboard), 2500);
    assert.equal(refundedTotal(withReportedTotal(dashboard, 1000)), 2500, 'an older, smaller total changes nothing');
    assert.equal(refundedTotal(withRefundReport(dashboard, report('re_d', 'succeeded', 2500, false))), 2500, 'the same refund named later is not counted twice');
    assert.equal(refundedTotal(withRefundReport(dashboard, report('re_d', 'failed', 2500, false))), 0);
  });

  it('adds the booking’s own refund on top of what a total showed before', () => {
    const ledger = withOwnRefund(withReportedTotal(emptyRefundLedger(), 2000), 're_c', 5500);
    assert.equal(refundedTotal(ledger), 7500);
    assert.equal(refundedTotal(withReportedTotal(ledger, 7500)), 7500, 'Stripe’s total after our refund counts it once');
    assert.equal(refundedTotal(withRefundReport(ledger, report('re_c', 'failed', 5500))), 2000);
  });

  it('makes a failed refund the booking owes again once, and leaves one made in the Dashboard to the operator', () => {
    const ledger = apply(report('re_own', 'failed', 5000, true), report('re_dash', 'failed', 1000, false));
    assert.deepEqual(refundsToRemake(ledger), [{ refundId: 're_own', amountCents: 5000 }]);
    const remade = withOwnRefund(markRemade(ledger, 're_own'), 're_again', 5000);
    assert.deepEqual(refundsToRemake(remade), []);
    assert.equal(refundedTotal(remade), 5000);
  });

  it('stops making refunds again after a few have failed, and names the rest for an operator', () => {
    let ledger = emptyRefundLedger();
    for (let attempt = 0; attempt < MAX_REFUND_REMAKES; attempt++) ledger = markRemade(withRefundReport(ledger, report(`re_${attempt}`, 'failed')), `re_${attempt}`);
    ledger = withRefundReport(ledger, report('re_last', 'failed'));
    assert.deepEqual(refundsToRemake(ledger), []);
    assert.deepEqual(refundsLeftToOperator(ledger), ['re_last']);
  });

  it('names the payment’s status by what is refunded: nothing refunded is a payment kept', () => {
    assert.deepEqual([refundedPaymentStatus(5000, 5000), refundedPaymentStatus(2000, 5000), refundedPaymentStatus(0, 5000)], ['REFUNDED', 'PARTIALLY_REFUNDED', 'PAID']);
  });
});
