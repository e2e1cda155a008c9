import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { checkoutPage, messagePage } from '../../providers/payments/local/local-checkout-page';
import { localId } from '../../providers/payments/local/local-ids';
import {
  findLocalSession,
  markLocalSessionPaid,
  recordLocalSessionDecline,
  type LocalPaymentSession,
} from '../../providers/payments/local/local-payment-sessions.repository';
import { deliverLocalWebhook, type WebhookDeliveryDeps } from '../../providers/payments/local/local-webhook-delivery';
import type { ApiDeps } from '../api-deps';
import { ApiError } from '../errors/api-error';
import { ErrorCode } from '../errors/error-codes';
import type { RouteDoc } from '../route-doc';
import { errorResponseSchema } from '../schemas/common.schemas';
import { parseParams } from '../validation/parse-request';

const sessionParamsSchema = z.object({ sessionId: z.string().min(1).max(100) }).strict();
const payResponseSchema = z.object({ status: z.literal('paid'), paymentId: z.string(), webhookDelivered: z.boolean() });
const declineResponseSchema = z.object({ status: z.literal('declined'), declinedAttempts: z.number().int(), webhookDelivered: z.boolean() });

/** Browsers get pages; a client that asks for JSON (scripts, tests) gets JSON and the API error shape. */
const wantsJson = (req: Request) => req.accepts(['html', 'json']) === 'json';

function refuse(req: Request, res: Response, error: ApiError, title: string): void {
  if (wantsJson(req)) throw error;
  res.status(error.status).type('html').send(messagePage(title, error.message));
}

/** Why a session cannot take a payment or decline now: unknown (404), or already paid / expired (409). */
function unusable(session: LocalPaymentSession | null): { error: ApiError; title: string } {
  if (!session) return { error: ApiError.notFound('Checkout session'), title: 'Checkout not found' };
  if (session.status === 'paid') return { error: new ApiError(ErrorCode.INVALID_TRANSITION, 'This checkout is already paid.'), title: 'Already paid' };
  return { error: new ApiError(ErrorCode.INVALID_TRANSITION, 'This checkout has expired.'), title: 'Checkout expired' };
}

/** The local payment provider's hosted checkout: the embedded stand-in for Stripe Checkout. */
export function createLocalCheckoutRouter(deps: ApiDeps): Router {
  const { db, config } = deps;
  const now = deps.now ?? (() => new Date());
  const delivery = (): WebhookDeliveryDeps => {
    if (!config.LOCAL_WEBHOOK_SECRET) throw new Error('LOCAL_WEBHOOK_SECRET is not configured');
    return { publicBaseUrl: config.PUBLIC_BASE_URL, secret: config.LOCAL_WEBHOOK_SECRET, logger: deps.logger };
  };
  const router = Router();

  router.get('/local-checkout/:sessionId', async (req, res) => {
    const { sessionId } = parseParams(sessionParamsSchema, req);
    const session = await findLocalSession(db, sessionId);
    if (!session) {
      res.status(404).type('html').send(messagePage('Checkout not found', 'There is no checkout with this address.'));
      return;
    }
    res.type('html').send(checkoutPage(session, now()));
  });

  router.post('/local-checkout/:sessionId/pay', async (req, res) => {
    const { sessionId } = parseParams(sessionParamsSchema, req);
    const paid = await markLocalSessionPaid(db, sessionId, localId('lpay'), now());
    if (!paid) {
      const { error, title } = unusable(await findLocalSession(db, sessionId));
      return refuse(req, res, error, title);
    }
    const paymentId = paid.payment_id ?? '';
    const result = await deliverLocalWebhook(delivery(), 'payment.succeeded', {
      sessionId: paid.id,
      bookingId: paid.booking_id,
      paymentId,
      amountCents: paid.amount_cents,
      currency: paid.currency,
    });
    if (wantsJson(req)) {
      res.json({ status: 'paid', paymentId, webhookDelivered: result.delivered });
      return;
    }
    res.type('html').send(messagePage('Payment received', 'Thank you. Your booking is being confirmed; you will receive a confirmation shortly.'));
  });

  router.post('/local-checkout/:sessionId/decline', async (req, res) => {
    const { sessionId } = parseParams(sessionParamsSchema, req);
    const declined = await recordLocalSessionDecline(db, sessionId, now());
    if (!declined) {
      const { error, title } = unusable(await findLocalSession(db, sessionId));
      return refuse(req, res, error, title);
    }
    const result = await deliverLocalWebhook(delivery(), 'payment.failed', {
      sessionId: declined.id,
      bookingId: declined.booking_id,
      paymentId: null,
      amountCents: declined.amount_cents,
      currency: declined.currency,
      reason: 'card_declined',
    });
    if (wantsJson(req)) {
      res.json({ status: 'declined', declinedAttempts: declined.declined_attempts, webhookDelivered: result.delivered });
      return;
    }
    res.type('html').send(messagePage('Payment declined', 'The payment was declined. You can go back and try again.'));
  });

  return router;
}

const html = { description: 'An HTML page.', contentType: 'text/html' };
const refused = {
  404: { description: 'Unknown checkout (page, or the error shape when JSON is accepted).', schema: errorResponseSchema },
  409: { description: 'Already paid or expired (INVALID_TRANSITION).', schema: errorResponseSchema },
};

export const localCheckoutRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/local-checkout/:sessionId',
    summary: 'The local payment provider’s checkout page (amount, Pay / Decline)',
    tag: 'payments',
    auth: 'none',
    params: sessionParamsSchema,
    responses: { 200: html, 404: html },
  },
  {
    method: 'post',
    path: '/local-checkout/:sessionId/pay',
    summary: 'Pay the checkout; delivers a signed payment.succeeded webhook to /v1/webhooks/local',
    tag: 'payments',
    auth: 'none',
    params: sessionParamsSchema,
    responses: { 200: { description: 'Paid: a page, or JSON when JSON is accepted.', schema: payResponseSchema }, ...refused },
  },
  {
    method: 'post',
    path: '/local-checkout/:sessionId/decline',
    summary: 'Decline the payment; delivers a signed payment.failed webhook',
    tag: 'payments',
    auth: 'none',
    params: sessionParamsSchema,
    responses: { 200: { description: 'Declined: a page, or JSON when JSON is accepted.', schema: declineResponseSchema }, ...refused },
  },
];
