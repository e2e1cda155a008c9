/**
 * Payrexx behind the product's PaymentProvider: a Gateway (hosted payment page) per booking attempt,
 * deleted at the deadline, refunds through the transaction refund endpoint. Payrexx has no idempotency
 * keys, so a row per key (payrexx-records.repository.ts) makes retries find what the first attempt made.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Logger } from '../../../logging/logger';
import { ProviderFailure, ProviderFailureKind } from '../../provider-failure';
import type { CheckoutSession, CreateCheckoutInput, ExpireCheckoutResult, PaymentProvider, RefundInput, SessionRef } from '../payment-provider';
import type { ReturnUrl } from '../stripe/stripe-checkout-params';
import { paymentOf, refundedCents } from './payrexx-amounts';
import type { PayrexxApi } from './payrexx-api';
import { PAYREXX_PROVIDER_NAME } from './payrexx-names';
import { claimGatewayKey, claimRefund, gatewayByKey, markRefundDone, recordGateway, refundByKey } from './payrexx-records.repository';
import type { PayrexxGateway } from './payrexx-types';

export interface PayrexxPaymentProviderDeps {
  api: PayrexxApi;
  db: Kysely<Database>;
  /** Where the payment page sends the customer back: the booking's manage page. */
  returnUrl: ReturnUrl;
  logger: Logger;
  now?: () => Date;
}

const EXPIRED: ExpireCheckoutResult = { outcome: 'expired' };

export class PayrexxPaymentProvider implements PaymentProvider {
  readonly name = PAYREXX_PROVIDER_NAME;
  readonly api: PayrexxApi;
  private readonly db: Kysely<Database>;
  private readonly returnUrl: ReturnUrl;
  private readonly logger: Logger;
  private readonly now: () => Date;

  constructor(deps: PayrexxPaymentProviderDeps) {
    this.api = deps.api;
    this.db = deps.db;
    this.returnUrl = deps.returnUrl;
    this.logger = deps.logger;
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Payrexx has no embedded form like Stripe's Payment Element: `elements` mode gets the hosted page too
   * (the answer carries `checkoutUrl`, no client secret). A create attempt that crashed after Payrexx
   * made its gateway leaves that gateway behind unknown to us; its link never reached anyone, and its
   * `validity` (the payment window) closes it.
   */
  async createCheckout(input: CreateCheckoutInput): Promise<CheckoutSession> {
    const claimed = await claimGatewayKey(this.db, input.idempotencyKey, input.bookingId);
    if (claimed.gatewayId && claimed.link) return { sessionId: claimed.gatewayId, checkoutUrl: claimed.link, clientSecret: null };
    const gateway = await this.api.createGateway({
      amount: input.amountCents,
      currency: input.currency.toUpperCase(),
      purpose: input.description,
      referenceId: input.bookingId,
      customerEmail: input.customerEmail,
      successRedirectUrl: this.returnUrl(input.bookingId),
      failedRedirectUrl: this.returnUrl(input.bookingId),
      cancelRedirectUrl: this.returnUrl(input.bookingId),
      validity: Math.max(1, Math.ceil((input.expiresAt.getTime() - this.now().getTime()) / 60_000)),
    });
    const id = String(gateway.id);
    if (await recordGateway(this.db, input.idempotencyKey, id, gateway.link)) return { sessionId: id, checkoutUrl: gateway.link, clientSecret: null };
    // A concurrent attempt recorded its gateway first: that one is the booking's, this one goes.
    await this.api.deleteGateway(id).catch((error: unknown) => this.logger.warn('could not delete a duplicate Payrexx gateway', { gatewayId: id, err: error }));
    const kept = (await gatewayByKey(this.db, input.idempotencyKey)) ?? claimed;
    return { sessionId: kept.gatewayId ?? id, checkoutUrl: kept.link ?? gateway.link, clientSecret: null };
  }

  /**
   * Reads the gateway first: one already paid is the payment (never lost). Otherwise it is deleted. A
   * payment landing between the read and the delete reaches the booking by its webhook, and is kept or
   * refunded there.
   */
  async expireCheckout(ref: SessionRef): Promise<ExpireCheckoutResult> {
    const gatewayId = ref.sessionId ?? (ref.idempotencyKey ? (await gatewayByKey(this.db, ref.idempotencyKey))?.gatewayId : null);
    if (!gatewayId) return EXPIRED;
    const gateway = await this.api.getGateway(gatewayId);
    if (!gateway) return EXPIRED;
    const payment = paymentOf(gateway);
    if (payment) return { outcome: 'paid', paymentId: String(payment.transaction.id), amountCents: payment.transaction.amount, currency: payment.currency };
    await this.api.deleteGateway(gatewayId);
    return EXPIRED;
  }

  /**
   * Refunds part or all of a transaction. The key is claimed before the call with what the gateway had
   * refunded so far; a retry whose first attempt's outcome is unknown finds that figure grown by the
   * refund's amount when it went through, and does not refund again.
   */
  async refund(input: RefundInput): Promise<{ refundId: string; amountCents: number }> {
    const existing = await refundByKey(this.db, input.idempotencyKey);
    if (existing?.status === 'done') return { refundId: input.idempotencyKey, amountCents: existing.amountCents };

    const gateway = await this.gatewayOfTransaction(input.paymentId);
    const paid = paymentOf(gateway);
    const refundedNow = refundedCents(gateway);
    if (existing && refundedNow >= existing.refundedBeforeCents + existing.amountCents) {
      await markRefundDone(this.db, input.idempotencyKey);
      return { refundId: input.idempotencyKey, amountCents: existing.amountCents };
    }
    const left = (paid?.transaction.amount ?? 0) - refundedNow;
    if (left <= 0) throw new ProviderFailure(ProviderFailureKind.EXCEEDS_PAYMENT, `Payrexx transaction ${input.paymentId} is already fully refunded.`, { provider: this.name });
    const claim = existing ?? (await claimRefund(this.db, input.idempotencyKey, { transactionId: input.paymentId, amountCents: Math.min(input.amountCents, left), refundedBeforeCents: refundedNow }));
    await this.api.refundTransaction(input.paymentId, claim.amountCents);
    await markRefundDone(this.db, input.idempotencyKey);
    return { refundId: input.idempotencyKey, amountCents: claim.amountCents };
  }

  /** The gateway a transaction was paid through (its invoice names it), with its payment and refunds. */
  async gatewayOfTransaction(transactionId: string): Promise<PayrexxGateway> {
    const transaction = await this.api.getTransaction(transactionId);
    const gatewayId = transaction?.invoice?.paymentRequestId;
    const gateway = gatewayId !== undefined ? await this.api.getGateway(String(gatewayId)) : null;
    if (!gateway) throw new ProviderFailure(ProviderFailureKind.NOT_FOUND, `No Payrexx gateway for transaction ${transactionId}.`, { provider: this.name });
    return gateway;
  }
}
