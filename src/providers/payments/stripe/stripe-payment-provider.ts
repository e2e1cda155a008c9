/**
 * Stripe behind the product's PaymentProvider: Checkout Sessions (hosted page, the default) or
 * PaymentIntents (Payment Element), closed at the deadline, refunded with our idempotency keys. The
 * workflow never knows it is Stripe. Every call goes through the official `stripe` package.
 */
import type Stripe from 'stripe';
import type { CheckoutSession, CreateCheckoutInput, ExpireCheckoutResult, PaymentProvider, RefundInput, SessionRef } from '../payment-provider';
import { ProviderFailure, ProviderFailureKind } from '../../provider-failure';
import { checkoutSessionParams, paymentIntentParams, type ReturnUrl, sessionExpiresAt } from './stripe-checkout-params';
import { isStripeError, stripeCall, toProviderFailure } from './stripe-failure';
import { Metadata, STRIPE_PROVIDER_NAME, ourBookingId } from './stripe-names';
import { findSessionByKey } from './stripe-session-lookup';

export interface StripePaymentProviderDeps {
  stripe: Stripe;
  /** Where Checkout sends the customer back: the booking's manage page. */
  returnUrl: ReturnUrl;
  now?: () => Date;
}

const EXPIRED: ExpireCheckoutResult = { outcome: 'expired' };

const idOf = (ref: string | { id: string } | null | undefined): string | null => (ref === null || ref === undefined ? null : typeof ref === 'string' ? ref : ref.id);

/** A refund Stripe refused because it asks for more than is left of the payment (rather than for nothing at all). */
const asksTooMuch = (error: unknown): boolean => isStripeError(error) && error.type === 'StripeInvalidRequestError' && error.param === 'amount';

export class StripePaymentProvider implements PaymentProvider {
  readonly name = STRIPE_PROVIDER_NAME;
  private readonly stripe: Stripe;
  private readonly returnUrl: ReturnUrl;
  private readonly now: () => Date;

  constructor({ stripe, returnUrl, now }: StripePaymentProviderDeps) {
    this.stripe = stripe;
    this.returnUrl = returnUrl;
    this.now = now ?? (() => new Date());
  }

  /** The client itself, for the webhook route (signature verification is the package's, not ours). */
  get client(): Stripe {
    return this.stripe;
  }

  async createCheckout(input: CreateCheckoutInput): Promise<CheckoutSession> {
    return input.mode === 'elements' ? this.createPaymentIntent(input) : this.createCheckoutSession(input);
  }

  private async createCheckoutSession(input: CreateCheckoutInput): Promise<CheckoutSession> {
    const expiresAt = sessionExpiresAt(input.expiresAt, this.now());
    const create = (expiry: number | null) =>
      this.stripe.checkout.sessions.create(checkoutSessionParams(input, this.returnUrl, expiry), { idempotencyKey: input.idempotencyKey });
    let session: Stripe.Checkout.Session;
    try {
      session = await create(expiresAt);
    } catch (error) {
      // A retry minutes later can fall on the other side of the 30-minute line and drop (or add)
      // `expires_at`; Stripe then refuses the key as reused with other parameters. The first attempt
      // used the other of the only two shapes, so replaying that one returns its session.
      if (!(isStripeError(error) && error.type === 'StripeIdempotencyError')) throw toProviderFailure(error);
      const deadline = Math.floor(input.expiresAt.getTime() / 1000);
      session = await stripeCall(() => create(expiresAt === null ? deadline : null));
    }
    return { sessionId: session.id, checkoutUrl: session.url, clientSecret: null };
  }

  private async createPaymentIntent(input: CreateCheckoutInput): Promise<CheckoutSession> {
    const intent = await stripeCall(() => this.stripe.paymentIntents.create(paymentIntentParams(input), { idempotencyKey: input.idempotencyKey }));
    return { sessionId: intent.id, checkoutUrl: null, clientSecret: intent.client_secret };
  }

  /**
   * Closes the session so it can no longer be paid. Stripe serialises this against a payment in flight:
   * a session (or PaymentIntent) that completed first refuses to close, and is then read back and
   * reported as the payment it holds. A delayed method still processing is reported `expired`: if it
   * succeeds later, its webhook reaches a closed booking and is refunded.
   */
  async expireCheckout(ref: SessionRef): Promise<ExpireCheckoutResult> {
    const found = ref.sessionId
      ? { kind: ref.sessionId.startsWith('pi_') ? ('payment-intent' as const) : ('checkout' as const), id: ref.sessionId }
      : ref.idempotencyKey
        ? await stripeCall(() => findSessionByKey(this.stripe, ref.idempotencyKey as string, this.now()))
        : null;
    if (!found) return EXPIRED;
    return found.kind === 'checkout' ? this.expireSession(found.id) : this.cancelPaymentIntent(found.id);
  }

  private async expireSession(id: string): Promise<ExpireCheckoutResult> {
    try {
      return sessionOutcome(await this.stripe.checkout.sessions.expire(id));
    } catch (error) {
      // Not expirable any more (completed, or expired already) or unknown: read what it is.
      if (!(isStripeError(error) && error.type === 'StripeInvalidRequestError')) throw toProviderFailure(error);
    }
    try {
      return sessionOutcome(await this.stripe.checkout.sessions.retrieve(id));
    } catch (error) {
      if (isStripeError(error) && error.statusCode === 404) return EXPIRED;
      throw toProviderFailure(error);
    }
  }

  private async cancelPaymentIntent(id: string): Promise<ExpireCheckoutResult> {
    try {
      await this.stripe.paymentIntents.cancel(id, { cancellation_reason: 'abandoned' });
      return EXPIRED;
    } catch (error) {
      // Succeeded (or canceled, or processing) already: not cancelable.
      if (!(isStripeError(error) && error.type === 'StripeInvalidRequestError')) throw toProviderFailure(error);
    }
    try {
      return intentOutcome(await this.stripe.paymentIntents.retrieve(id));
    } catch (error) {
      if (isStripeError(error) && error.statusCode === 404) return EXPIRED;
      throw toProviderFailure(error);
    }
  }

  /**
   * Refunds part or all of a PaymentIntent under our idempotency key. Like every provider, a refund
   * larger than what is left refunds what is left (under a key derived from ours, so its retries find
   * it too), and one with nothing left fails as `exceeds_payment`.
   */
  async refund(input: RefundInput): Promise<{ refundId: string; amountCents: number }> {
    const create = (amount: number, idempotencyKey: string) =>
      this.stripe.refunds.create(
        {
          payment_intent: input.paymentId,
          amount,
          reason: 'requested_by_customer',
          metadata: { [Metadata.BOOKING_ID]: input.bookingId, [Metadata.REASON]: input.reason.slice(0, 500) },
        },
        { idempotencyKey },
      );
    try {
      const refund = await create(input.amountCents, input.idempotencyKey);
      return { refundId: refund.id, amountCents: refund.amount };
    } catch (error) {
      if (!asksTooMuch(error)) throw toProviderFailure(error);
    }
    const left = await this.refundableCents(input.paymentId);
    if (left <= 0) throw new ProviderFailure(ProviderFailureKind.EXCEEDS_PAYMENT, `Payment ${input.paymentId} is already fully refunded.`, { provider: this.name });
    const refund = await stripeCall(() => create(Math.min(left, input.amountCents), `${input.idempotencyKey}:rest`));
    return { refundId: refund.id, amountCents: refund.amount };
  }

  private async refundableCents(paymentIntentId: string): Promise<number> {
    const intent = await stripeCall(() => this.stripe.paymentIntents.retrieve(paymentIntentId, { expand: ['latest_charge'] }));
    const charge = intent.latest_charge;
    if (!charge || typeof charge === 'string') return intent.amount_received;
    return charge.amount_captured - charge.amount_refunded;
  }

  /** Webhooks: what Stripe reports refunded on a charge in total (`refund.updated` names only the refund). */
  async refundedOnCharge(chargeId: string): Promise<number> {
    const charge = await stripeCall(() => this.stripe.charges.retrieve(chargeId));
    return charge.amount_refunded;
  }

  /** Webhooks: the booking a PaymentIntent of ours belongs to, by its metadata; null when it is not ours. */
  async bookingOfPayment(paymentIntentId: string): Promise<string | null> {
    try {
      return ourBookingId((await this.stripe.paymentIntents.retrieve(paymentIntentId)).metadata);
    } catch (error) {
      if (isStripeError(error) && error.statusCode === 404) return null;
      throw toProviderFailure(error);
    }
  }
}

/** What a session read back at the deadline holds: a completed, paid one is the payment. */
export function sessionOutcome(session: Stripe.Checkout.Session): ExpireCheckoutResult {
  if (session.status !== 'complete' || session.payment_status !== 'paid') return EXPIRED;
  return {
    outcome: 'paid',
    // The PaymentIntent's id, as every webhook of this payment names it, so the booking sees one payment.
    paymentId: idOf(session.payment_intent) ?? session.id,
    amountCents: session.amount_total ?? 0,
    currency: (session.currency ?? '').toUpperCase(),
  };
}

/** What a PaymentIntent read back at the deadline holds: a succeeded one is the payment. */
export function intentOutcome(intent: Stripe.PaymentIntent): ExpireCheckoutResult {
  if (intent.status !== 'succeeded') return EXPIRED;
  return { outcome: 'paid', paymentId: intent.id, amountCents: intent.amount_received || intent.amount, currency: intent.currency.toUpperCase() };
}
