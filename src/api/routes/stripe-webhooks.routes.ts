/**
 * `POST /v1/webhooks/stripe`: Stripe's events, verified with the `stripe` package's own
 * `webhooks.constructEvent` over the raw body (the `Stripe-Signature` header, `STRIPE_WEBHOOK_SECRET`,
 * a 300-second tolerance by default), then handed to the booking as a payment signal. Deduplicated by
 * event id; an event type the bookings do not use is acknowledged and ignored; 2xx only once Temporal
 * has accepted the signal, so Stripe retries anything that did not get through.
 */
import express, { Router } from 'express';
import Stripe from 'stripe';
import { z } from 'zod';
import { BookingClient } from '../../bookings/booking-client';
import { findBookingIdByPaymentId } from '../../bookings/bookings.repository';
import { StripePaymentProvider } from '../../providers/payments/stripe/stripe-payment-provider';
import { STRIPE_PROVIDER_NAME } from '../../providers/payments/stripe/stripe-names';
import { type MappedStripeEvent, mapStripeEvent } from '../../providers/payments/stripe/stripe-webhook-event';
import { deliverPaymentEvent } from '../../webhooks/payment-event-delivery';
import { isWebhookEventRecorded } from '../../webhooks/webhook-event-seen';
import type { PaymentSignal } from '../../../workflows/contract';
import type { ApiDeps } from '../api-deps';
import { ApiError } from '../errors/api-error';
import { ErrorCode } from '../errors/error-codes';
import { BODY_LIMIT } from '../middleware/body-parsing';
import type { RouteDoc } from '../route-doc';
import { errorResponseSchema } from '../schemas/common.schemas';

export const STRIPE_SIGNATURE_HEADER = 'Stripe-Signature';

const receivedSchema = z.object({
  received: z.literal(true),
  duplicate: z.boolean().optional().describe('This event id was handled before; nothing else happened.'),
  ignored: z.boolean().optional().describe('Not an event the bookings use, or about a payment that is not one of ours.'),
});

/** Stripe's event envelope, for the docs only: the route accepts whatever Stripe signs. */
const stripeEventDocSchema = z.object({ id: z.string(), type: z.string(), created: z.number(), data: z.object({ object: z.record(z.string(), z.unknown()) }) }).passthrough();

function verifiedEvent(provider: StripePaymentProvider, raw: Buffer, header: string | undefined, secret: string, toleranceSeconds: number): Stripe.Event {
  if (!header) throw ApiError.unauthorized(`A ${STRIPE_SIGNATURE_HEADER} header is required.`);
  try {
    return provider.client.webhooks.constructEvent(raw, header, secret, toleranceSeconds);
  } catch (error) {
    // A wrong secret, a forged body and a signature past the tolerance (a replay) all land here.
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) throw ApiError.unauthorized('The Stripe signature is invalid or too old.');
    if (error instanceof SyntaxError) throw new ApiError(ErrorCode.MALFORMED_JSON, 'The webhook body is not valid JSON.');
    throw error;
  }
}

export function createStripeWebhooksRouter(deps: ApiDeps): Router {
  const { db, config, logger } = deps;
  const bookings = new BookingClient({ temporal: deps.temporal, db, config, logger });
  const router = Router();

  /** The booking an event is about: our metadata, else the booking that kept the payment, else the PaymentIntent's metadata at Stripe. */
  async function bookingOf(provider: StripePaymentProvider, event: MappedStripeEvent): Promise<string | null> {
    if (event.bookingId) return event.bookingId;
    if (!event.paymentId) return null;
    return (await findBookingIdByPaymentId(db, event.paymentId)) ?? (await provider.bookingOfPayment(event.paymentId));
  }

  router.post('/v1/webhooks/stripe', express.raw({ type: () => true, limit: BODY_LIMIT }), async (req, res) => {
    const provider = deps.providers.payments instanceof StripePaymentProvider ? deps.providers.payments : null;
    const secret = config.STRIPE_WEBHOOK_SECRET;
    if (!provider || !secret) throw new ApiError(ErrorCode.UNAVAILABLE, 'The Stripe payment provider is not configured.');
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const event = verifiedEvent(provider, raw, req.get(STRIPE_SIGNATURE_HEADER), secret, config.WEBHOOK_TOLERANCE_SECONDS);

    if (await isWebhookEventRecorded(db, STRIPE_PROVIDER_NAME, event.id)) {
      res.json({ received: true, duplicate: true });
      return;
    }
    const payload = event as unknown as Record<string, unknown>;
    const mapped = mapStripeEvent(event);
    const bookingId = mapped.action === 'signal' ? await bookingOf(provider, mapped.event) : null;
    if (mapped.action === 'ignore' || bookingId === null) {
      await deliverPaymentEvent({ db, bookings }, { provider: STRIPE_PROVIDER_NAME, eventId: event.id, eventType: event.type, bookingId: null, signal: null, payload });
      logger.debug('stripe webhook ignored', { eventId: event.id, type: event.type, why: mapped.action === 'ignore' ? mapped.why : 'no booking of ours' });
      res.json({ received: true, ignored: true });
      return;
    }
    const found = mapped.event;
    const refundedCents = found.refundedTotalOfCharge ? await provider.refundedOnCharge(found.refundedTotalOfCharge) : found.refundedCents;
    const signal: PaymentSignal = {
      eventId: event.id,
      kind: found.kind,
      provider: STRIPE_PROVIDER_NAME,
      sessionId: found.sessionId,
      paymentId: found.paymentId,
      amountCents: found.amountCents,
      currency: found.currency,
      ...(refundedCents !== undefined ? { refundedCents } : {}),
      ...(found.refund !== undefined ? { refund: found.refund } : {}),
      ...(found.reason !== undefined ? { reason: found.reason } : {}),
    };
    const outcome = await deliverPaymentEvent({ db, bookings }, { provider: STRIPE_PROVIDER_NAME, eventId: event.id, eventType: event.type, bookingId, signal, payload });
    logger.info('stripe webhook handled', { eventId: event.id, type: event.type, bookingId, kind: signal.kind, outcome });
    res.json({ received: true });
  });

  return router;
}

export const stripeWebhooksRouteDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/webhooks/stripe',
    summary:
      'Stripe events (checkout.session.completed / async_payment_succeeded / async_payment_failed / expired, payment_intent.succeeded / payment_failed, charge.refunded, refund.created / updated / failed, charge.dispute.created), signed with Stripe-Signature',
    tag: 'webhooks',
    auth: 'signature',
    body: stripeEventDocSchema,
    headers: [{ name: STRIPE_SIGNATURE_HEADER, description: "Stripe's signature of the raw body (t=<unix seconds>,v1=<HMAC-SHA256>), checked with STRIPE_WEBHOOK_SECRET.", required: true }],
    responses: {
      200: { description: 'Received (also a duplicate, or an event the bookings ignore).', schema: receivedSchema },
      400: { description: 'Signed, but not JSON (MALFORMED_JSON).', schema: errorResponseSchema },
      401: { description: 'Missing, wrong or stale signature (UNAUTHORIZED).', schema: errorResponseSchema },
      413: { description: 'Body over 100 kB.', schema: errorResponseSchema },
      503: { description: 'Stripe is not the configured provider, or Temporal, the database or Stripe cannot be reached (UNAVAILABLE): Stripe retries.', schema: errorResponseSchema },
    },
  },
];
