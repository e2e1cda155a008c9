import express, { Router } from 'express';
import { z } from 'zod';
import { BookingClient } from '../../bookings/booking-client';
import { BODY_LIMIT } from '../middleware/body-parsing';
import { LOCAL_PROVIDER_NAME, localWebhookEventSchema, type LocalWebhookEvent } from '../../providers/payments/local/local-webhook-event';
import { LOCAL_SIGNATURE_HEADER, verifyLocalWebhook } from '../../providers/payments/local/local-webhook-signature';
import { isWebhookEventRecorded } from '../../webhooks/webhook-event-seen';
import { recordWebhookEvent } from '../../webhooks/webhook-events.repository';
import type { PaymentSignal } from '../../../workflows/contract';
import type { ApiDeps } from '../api-deps';
import { ApiError } from '../errors/api-error';
import { ErrorCode } from '../errors/error-codes';
import { zodIssuesToDetails } from '../errors/zod-issues';
import type { RouteDoc } from '../route-doc';
import { errorResponseSchema } from '../schemas/common.schemas';

const receivedSchema = z.object({ received: z.literal(true), duplicate: z.boolean().optional() });

function parseEvent(raw: Buffer): LocalWebhookEvent {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ApiError(ErrorCode.MALFORMED_JSON, 'The webhook body is not valid JSON.');
  }
  const parsed = localWebhookEventSchema.safeParse(json);
  if (!parsed.success) throw ApiError.validation('The webhook event is invalid.', zodIssuesToDetails(parsed.error.issues));
  return parsed.data;
}

function paymentSignalOf(event: LocalWebhookEvent): PaymentSignal {
  return {
    eventId: event.id,
    kind: event.type === 'payment.succeeded' ? 'succeeded' : 'failed',
    provider: LOCAL_PROVIDER_NAME,
    sessionId: event.data.sessionId,
    paymentId: event.data.paymentId,
    amountCents: event.data.amountCents,
    currency: event.data.currency,
    ...(event.data.reason !== undefined ? { reason: event.data.reason } : {}),
  };
}

/**
 * Provider webhooks. The signature is checked over the raw bytes before anything is parsed. A
 * malformed signature header is 400; a missing, wrong or stale one is 401.
 */
export function createWebhooksRouter(deps: ApiDeps): Router {
  const { db, config } = deps;
  const bookings = new BookingClient({ temporal: deps.temporal, db, config, logger: deps.logger });
  const now = deps.now ?? (() => new Date());
  const router = Router();

  router.post('/v1/webhooks/local', express.raw({ type: () => true, limit: BODY_LIMIT }), async (req, res) => {
    const secret = config.LOCAL_WEBHOOK_SECRET;
    if (!secret) throw new ApiError(ErrorCode.UNAVAILABLE, 'The local payment provider is not configured.');
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const check = verifyLocalWebhook(secret, req.get(LOCAL_SIGNATURE_HEADER), raw, Math.floor(now().getTime() / 1000), config.WEBHOOK_TOLERANCE_SECONDS);
    if (!check.ok) {
      if (check.failure === 'malformed') throw ApiError.validation(`The ${LOCAL_SIGNATURE_HEADER} header is malformed.`);
      throw ApiError.unauthorized(
        check.failure === 'stale' ? 'The webhook signature is too old.' : `A valid ${LOCAL_SIGNATURE_HEADER} header is required.`,
      );
    }
    const event = parseEvent(raw);
    if (await isWebhookEventRecorded(db, LOCAL_PROVIDER_NAME, event.id)) {
      res.json({ received: true, duplicate: true });
      return;
    }
    // Signal first, record after: if the signal fails the provider retries and the event is still
    // new; if a retry races past the check, the workflow itself ignores an event id it has seen.
    const outcome = await bookings.signalPayment(event.data.bookingId, paymentSignalOf(event));
    await recordWebhookEvent(db, {
      provider: LOCAL_PROVIDER_NAME,
      eventId: event.id,
      eventType: event.type,
      bookingId: event.data.bookingId,
      payload: event as unknown as Record<string, unknown>,
    });
    deps.logger.info('local webhook handled', { eventId: event.id, type: event.type, bookingId: event.data.bookingId, outcome });
    res.json({ received: true });
  });

  return router;
}

export const webhooksRouteDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/webhooks/local',
    summary: 'Payment events from the local provider, signed with Local-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">',
    tag: 'webhooks',
    auth: 'signature',
    body: localWebhookEventSchema,
    headers: [{ name: LOCAL_SIGNATURE_HEADER, description: 't=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>', required: true }],
    responses: {
      200: { description: 'Received; `duplicate: true` when this event id was already handled (nothing else happens).', schema: receivedSchema },
      400: { description: 'Malformed signature header (VALIDATION_FAILED), body not JSON (MALFORMED_JSON) or not an event (VALIDATION_FAILED).', schema: errorResponseSchema },
      401: { description: 'Missing, wrong or stale signature (UNAUTHORIZED).', schema: errorResponseSchema },
      413: { description: 'Body over 100 kB.', schema: errorResponseSchema },
    },
  },
];
