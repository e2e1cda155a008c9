/**
 * `POST /v1/webhooks/payrexx`: Payrexx `transaction` webhooks. Payrexx does not sign its webhooks the
 * way Stripe does, so the payload is never trusted: only the transaction id is read from it, and the
 * transaction (status, amount, gateway) and its gateway are fetched from the Payrexx API before they
 * become a signal. A forged call can at most make us read a real transaction of ours again. The event
 * id (Payrexx sends none) is the verified transaction's id, status and refunded total, so a repeat of
 * one state is a duplicate and a new state is a new event. 2xx only once Temporal accepted the signal.
 */
import express, { Router } from 'express';
import { z } from 'zod';
import { BookingClient } from '../../bookings/booking-client';
import { paymentOf, refundedCents } from '../../providers/payments/payrexx/payrexx-amounts';
import { PAYREXX_PROVIDER_NAME } from '../../providers/payments/payrexx/payrexx-names';
import { PayrexxPaymentProvider } from '../../providers/payments/payrexx/payrexx-payment-provider';
import { bookingOfGateway } from '../../providers/payments/payrexx/payrexx-records.repository';
import { signalKindOf, webhookTransactionId } from '../../providers/payments/payrexx/payrexx-webhook-event';
import { deliverPaymentEvent } from '../../webhooks/payment-event-delivery';
import { isWebhookEventRecorded } from '../../webhooks/webhook-event-seen';
import type { PaymentSignal } from '../../../workflows/contract';
import type { ApiDeps } from '../api-deps';
import { ApiError } from '../errors/api-error';
import { ErrorCode } from '../errors/error-codes';
import { BODY_LIMIT } from '../middleware/body-parsing';
import type { RouteDoc } from '../route-doc';
import { errorResponseSchema } from '../schemas/common.schemas';

const receivedSchema = z.object({
  received: z.literal(true),
  duplicate: z.boolean().optional().describe('This transaction state was handled before; nothing else happened.'),
  ignored: z.boolean().optional().describe('Not a transaction of ours, or a state the booking does not act on.'),
});

const payrexxWebhookDocSchema = z
  .object({ transaction: z.object({ id: z.number().int().describe('The only field read; everything else is fetched from the Payrexx API.') }).passthrough() })
  .passthrough();

export function createPayrexxWebhooksRouter(deps: ApiDeps): Router {
  const { db, config, logger } = deps;
  const bookings = new BookingClient({ temporal: deps.temporal, db, config, logger });
  const router = Router();

  router.post('/v1/webhooks/payrexx', express.raw({ type: () => true, limit: BODY_LIMIT }), async (req, res) => {
    const provider = deps.providers.payments instanceof PayrexxPaymentProvider ? deps.providers.payments : null;
    if (!provider) throw new ApiError(ErrorCode.UNAVAILABLE, 'The Payrexx payment provider is not configured.');
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const transactionId = webhookTransactionId(raw, req.get('content-type'));
    if (!transactionId) throw ApiError.validation('The webhook names no transaction (transaction.id).');

    const ignored = () => res.json({ received: true, ignored: true });
    // Verified from here on: read from Payrexx, not from the request.
    const transaction = await provider.api.getTransaction(transactionId);
    const gatewayId = transaction?.invoice?.paymentRequestId;
    const bookingId = gatewayId !== undefined ? await bookingOfGateway(db, String(gatewayId)) : null;
    const kind = transaction ? signalKindOf(transaction.status) : null;
    if (!transaction || bookingId === null || kind === null) {
      logger.debug('payrexx webhook ignored', { transactionId, status: transaction?.status ?? null, ours: bookingId !== null });
      ignored();
      return;
    }

    // Refunds and disputes are reported on the booking's payment, with the gateway's own refunded total.
    const gateway = kind === 'refunded' || kind === 'disputed' ? await provider.api.getGateway(String(gatewayId)) : null;
    const payment = gateway ? paymentOf(gateway) : null;
    const refunded = gateway ? refundedCents(gateway) : undefined;
    const eventId = `${transaction.id}:${transaction.status}${refunded !== undefined ? `:${refunded}` : ''}`;
    if (await isWebhookEventRecorded(db, PAYREXX_PROVIDER_NAME, eventId)) {
      res.json({ received: true, duplicate: true });
      return;
    }
    const signal: PaymentSignal = {
      eventId,
      kind,
      provider: PAYREXX_PROVIDER_NAME,
      sessionId: String(gatewayId),
      paymentId: String(payment?.transaction.id ?? transaction.id),
      amountCents: payment?.transaction.amount ?? transaction.amount,
      currency: (payment?.currency ?? transaction.invoice?.currency ?? '').toUpperCase(),
      ...(refunded !== undefined && kind === 'refunded' ? { refundedCents: refunded } : {}),
      ...(kind === 'failed' || kind === 'disputed' ? { reason: `Payrexx transaction ${transaction.id} ${transaction.status}` } : {}),
    };
    const payload = { transaction } as unknown as Record<string, unknown>;
    const outcome = await deliverPaymentEvent({ db, bookings }, { provider: PAYREXX_PROVIDER_NAME, eventId, eventType: `transaction.${transaction.status}`, bookingId, signal, payload });
    logger.info('payrexx webhook handled', { eventId, bookingId, kind, outcome });
    res.json({ received: true });
  });

  return router;
}

export const payrexxWebhooksRouteDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/webhooks/payrexx',
    summary: 'Payrexx transaction webhooks (JSON or form post); unsigned, so each is verified by reading the transaction from the Payrexx API',
    tag: 'webhooks',
    auth: 'none',
    body: payrexxWebhookDocSchema,
    responses: {
      200: { description: 'Received (also a duplicate, or a transaction that is not ours / not acted on).', schema: receivedSchema },
      400: { description: 'No transaction id in the body (VALIDATION_FAILED).', schema: errorResponseSchema },
      413: { description: 'Body over 100 kB.', schema: errorResponseSchema },
      503: { description: 'Payrexx is not the configured provider, or Payrexx, Temporal or the database cannot be reached (UNAVAILABLE): Payrexx retries.', schema: errorResponseSchema },
    },
  },
];
