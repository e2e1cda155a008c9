import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { checkoutPage, messagePage } from '../../providers/payments/local/local-checkout-page';
import { declineLocalCheckout, payLocalCheckout, type Completed } from '../../providers/payments/local/local-checkout-completion';
import { localId } from '../../providers/payments/local/local-ids';
import { findLocalSession, type LocalPaymentSession } from '../../providers/payments/local/local-payment-sessions.repository';
import { attemptLocalWebhook, CLAIM_LEASE_MS } from '../../providers/payments/local/local-webhook-attempt';
import { localWebhookUrl } from '../../providers/payments/local/local-webhook-delivery';
import type { ApiDeps } from '../api-deps';
import { ApiError } from '../errors/api-error';
import { ErrorCode } from '../errors/error-codes';
import type { RouteDoc } from '../route-doc';
import { errorResponseSchema } from '../schemas/common.schemas';
import { parseParams } from '../validation/parse-request';

const sessionParamsSchema = z.object({ sessionId: z.string().min(1).max(100) }).strict();
const webhookDelivered = z
  .boolean()
  .describe(
    '`true`: the signed webhook reached `/v1/webhooks/local` before this answer. `false`: it is queued in the durable outbox and retried until the API acknowledges it; the payment is never lost.',
  );
const payResponseSchema = z.object({ status: z.literal('paid'), paymentId: z.string(), webhookDelivered });
const declineResponseSchema = z.object({ status: z.literal('declined'), declinedAttempts: z.number().int(), webhookDelivered });

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

/**
 * The local payment provider's hosted checkout: the embedded stand-in for Stripe Checkout. Paying or
 * declining changes the session and queues its webhook in one transaction (the outbox); the answer
 * waits for one delivery attempt, so the booking usually has the event already, and the outbox's
 * dispatcher keeps retrying when that attempt fails.
 */
export function createLocalCheckoutRouter(deps: ApiDeps): Router {
  const { db, config } = deps;
  const now = deps.now ?? (() => new Date());
  const router = Router();

  /** The outbox entry's address, and the secret its one immediate attempt signs with. */
  const webhook = () => {
    const secret = config.LOCAL_WEBHOOK_SECRET;
    if (!secret) throw new ApiError(ErrorCode.UNAVAILABLE, 'The local payment provider is not configured.');
    return { secret, endpointUrl: localWebhookUrl(config.PUBLIC_BASE_URL) };
  };
  const completion = (sessionId: string, endpointUrl: string) => ({
    sessionId,
    eventId: localId('evt'),
    now: now(),
    endpointUrl,
    // Claimed for the attempt below, so no dispatcher sends it at the same moment.
    claimForMs: CLAIM_LEASE_MS,
  });
  const deliverNow = (secret: string, completed: Completed) => attemptLocalWebhook({ db, secret, logger: deps.logger }, completed.outbox);

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
    const { secret, endpointUrl } = webhook();
    const paid = await payLocalCheckout(db, { ...completion(sessionId, endpointUrl), paymentId: localId('lpay') });
    if (!paid) {
      const { error, title } = unusable(await findLocalSession(db, sessionId));
      return refuse(req, res, error, title);
    }
    const delivered = await deliverNow(secret, paid);
    if (wantsJson(req)) {
      res.json({ status: 'paid', paymentId: paid.session.payment_id ?? '', webhookDelivered: delivered });
      return;
    }
    res.type('html').send(messagePage('Payment received', 'Thank you. Your booking is being confirmed; you will receive a confirmation shortly.'));
  });

  router.post('/local-checkout/:sessionId/decline', async (req, res) => {
    const { sessionId } = parseParams(sessionParamsSchema, req);
    const { secret, endpointUrl } = webhook();
    const declined = await declineLocalCheckout(db, completion(sessionId, endpointUrl));
    if (!declined) {
      const { error, title } = unusable(await findLocalSession(db, sessionId));
      return refuse(req, res, error, title);
    }
    const delivered = await deliverNow(secret, declined);
    if (wantsJson(req)) {
      res.json({ status: 'declined', declinedAttempts: declined.session.declined_attempts, webhookDelivered: delivered });
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
  503: { description: 'The local payment provider is not configured (UNAVAILABLE); nothing was paid.', schema: errorResponseSchema },
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
    summary: 'Pay the checkout; queues a signed payment.succeeded webhook to /v1/webhooks/local (durable outbox, retried until delivered) and tries it at once',
    tag: 'payments',
    auth: 'none',
    params: sessionParamsSchema,
    responses: { 200: { description: 'Paid: a page, or JSON when JSON is accepted.', schema: payResponseSchema }, ...refused },
  },
  {
    method: 'post',
    path: '/local-checkout/:sessionId/decline',
    summary: 'Decline the payment; queues a signed payment.failed webhook (durable outbox) and tries it at once',
    tag: 'payments',
    auth: 'none',
    params: sessionParamsSchema,
    responses: { 200: { description: 'Declined: a page, or JSON when JSON is accepted.', schema: declineResponseSchema }, ...refused },
  },
];
