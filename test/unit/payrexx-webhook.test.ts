import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paymentOf, refundedCents } from '../../src/providers/payments/payrexx/payrexx-amounts';
import { formEncode } from '../../src/providers/payments/payrexx/payrexx-api';
import type { PayrexxGateway } from '../../src/providers/payments/payrexx/payrexx-types';
import { signalKindOf, webhookTransactionId } from '../../src/providers/payments/payrexx/payrexx-webhook-event';

describe('a Payrexx webhook', () => {
  it('is read for its transaction id only, from a JSON or a PHP-style form body', () => {
    const json = Buffer.from(JSON.stringify({ transaction: { id: 4711, status: 'confirmed', amount: 99999 } }));
    assert.equal(webhookTransactionId(json, 'application/json'), '4711');
    const form = Buffer.from('transaction%5Bid%5D=4711&transaction%5Bstatus%5D=confirmed');
    assert.equal(webhookTransactionId(form, 'application/x-www-form-urlencoded'), '4711');
  });

  it('names no transaction when the body has none or is not what Payrexx sends', () => {
    assert.equal(webhookTransactionId(Buffer.from('{"transaction":{}}'), 'application/json'), null);
    assert.equal(webhookTransactionId(Buffer.from('not json'), 'application/json'), null);
    assert.equal(webhookTransactionId(Buffer.from('{"transaction":{"id":"1 OR 1=1"}}'), 'application/json'), null);
  });

  it('turns a verified status into what the booking acts on', () => {
    assert.equal(signalKindOf('confirmed'), 'succeeded');
    assert.equal(signalKindOf('declined'), 'failed');
    assert.equal(signalKindOf('waiting'), 'processing');
    assert.equal(signalKindOf('partially-refunded'), 'refunded');
    assert.equal(signalKindOf('disputed'), 'disputed');
    // The customer left the page: they may still pay before the deadline.
    assert.equal(signalKindOf('cancelled'), null);
  });
});

describe('a Payrexx gateway’s money', () => {
  const gateway = (transactions: { id: number; status: string; amount: number }[]): PayrexxGateway => ({
    id: 7,
    status: 'confirmed',
    link: 'https://x.payrexx.com/?payment=abc',
    invoices: [{ currency: 'chf', paymentRequestId: 7, transactions }],
  });

  it('finds the payment and adds up its refunds (negative transactions)', () => {
    const paid = gateway([
      { id: 1, status: 'confirmed', amount: 7500 },
      { id: 2, status: 'partially-refunded', amount: -2500 },
      { id: 3, status: 'refunded', amount: -5000 },
    ]);
    assert.deepEqual(paymentOf(paid), { transaction: { id: 1, status: 'confirmed', amount: 7500 }, currency: 'CHF' });
    assert.equal(refundedCents(paid), 7500);
  });

  it('finds no payment on a gateway that was not paid', () => {
    assert.equal(paymentOf(gateway([{ id: 1, status: 'declined', amount: 7500 }])), null);
    assert.equal(refundedCents(gateway([])), 0);
  });

  it('encodes nested fields the way Payrexx reads them', () => {
    assert.deepEqual(formEncode({ amount: 7500, fields: { email: { value: 'a+b@example.com' } }, skipResultPage: true }), [
      'amount=7500',
      'fields%5Bemail%5D%5Bvalue%5D=a%2Bb%40example.com',
      'skipResultPage=1',
    ]);
  });
});
