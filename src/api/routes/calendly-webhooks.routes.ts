/** Issue 7: Calendly's webhooks (invitee.created / invitee.canceled) as bookings, through the normal booking path. */
import express, { Router } from 'express';
import { z } from 'zod';
import { BookingClient } from '../../bookings/booking-client';
import { type CalendlyOutcome, onInviteeCanceled, onInviteeCreated } from '../../calendly/calendly-intake';
import { CALENDLY_SIGNATURE_HEADER, verifyCalendlyWebhook } from '../../calendly/calendly-signature';
import { calendlyEventId, calendlyInviteeSchema, calendlyWebhookSchema } from '../../calendly/calendly-webhook-event';
import { temporalFollowUps } from '../../calendly/calendly-workflows';
import { isWebhookEventRecorded } from '../../webhooks/webhook-event-seen';
import { recordWebhookEvent } from '../../webhooks/webhook-events.repository';
import type { ApiDeps } from '../api-deps';
import { ApiError } from '../errors/api-error';
import { ErrorCode } from '../errors/error-codes';
import { zodIssuesToDetails } from '../errors/zod-issues';
import { BODY_LIMIT } from '../middleware/body-parsing';
import type { RouteDoc } from '../route-doc';
import { errorResponseSchema } from '../schemas/common.schemas';

const PROVIDER = 'calendly';
const HANDLED = ['invitee.created', 'invitee.canceled'] as const;

const receivedSchema = z.object({
  received: z.literal(true),
  duplicate: z.boolean().optional(),
  ignored: z.boolean().optional(),
  outcome: z.enum(['booked', 'rejected', 'rescheduled', 'cancelled', 'awaiting-partner', 'already-handled', 'not-ours']).optional(),
});

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ApiError(ErrorCode.MALFORMED_JSON, 'The webhook body is not valid JSON.');
  }
}

/**
 * The signature is checked over the raw bytes before anything is parsed (400 malformed header, 401
 * missing, wrong or stale); a delivery seen before is acknowledged and ignored; 2xx only once the
 * booking's workflow (or the follow-up) has accepted it, so Calendly retries anything that failed.
 */
export function createCalendlyWebhooksRouter(deps: ApiDeps): Router {
  const { db, config } = deps;
  const now = deps.now ?? (() => new Date());
  const bookings = new BookingClient({ temporal: deps.temporal, db, config, logger: deps.logger });
  const followUps = temporalFollowUps(deps.temporal, config.TEMPORAL_TASK_QUEUE);
  const logger = deps.logger.child({ component: 'calendly' });
  const router = Router();

  router.post('/v1/webhooks/calendly', express.raw({ type: () => true, limit: BODY_LIMIT }), async (req, res) => {
    const key = config.CALENDLY_WEBHOOK_SIGNING_KEY;
    if (!key) throw new ApiError(ErrorCode.UNAVAILABLE, 'The Calendly intake is not configured (CALENDLY_WEBHOOK_SIGNING_KEY).');
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const check = verifyCalendlyWebhook(key, req.get(CALENDLY_SIGNATURE_HEADER), raw, Math.floor(now().getTime() / 1000), config.WEBHOOK_TOLERANCE_SECONDS);
    if (!check.ok) {
      if (check.failure === 'malformed') throw ApiError.validation(`The ${CALENDLY_SIGNATURE_HEADER} header is malformed.`);
      throw ApiError.unauthorized(check.failure === 'stale' ? 'The webhook signature is too old.' : `A valid ${CALENDLY_SIGNATURE_HEADER} header is required.`);
    }
    const envelope = calendlyWebhookSchema.safeParse(parseJson(raw));
    if (!envelope.success) throw ApiError.validation('The webhook event is invalid.', zodIssuesToDetails(envelope.error.issues));
    const kind = envelope.data.event;
    if (!(HANDLED as readonly string[]).includes(kind)) {
      res.json({ received: true, ignored: true });
      return;
    }
    const invitee = calendlyInviteeSchema.safeParse(envelope.data.payload);
    if (!invitee.success) throw ApiError.validation('The invitee in the webhook is invalid.', zodIssuesToDetails(invitee.error.issues));
    const eventId = calendlyEventId(kind, invitee.data.uri);
    if (await isWebhookEventRecorded(db, PROVIDER, eventId)) {
      res.json({ received: true, duplicate: true });
      return;
    }
    const intake = { db, bookings, config, followUps, logger, now };
    const outcome: CalendlyOutcome = kind === 'invitee.created' ? await onInviteeCreated(intake, invitee.data) : await onInviteeCanceled(intake, invitee.data);
    await recordWebhookEvent(db, { provider: PROVIDER, eventId, eventType: kind, bookingId: null, payload: envelope.data as Record<string, unknown> });
    logger.info('calendly webhook handled', { kind, invitee: invitee.data.uri, outcome });
    res.json({ received: true, outcome });
  });

  return router;
}

export const calendlyWebhooksRouteDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/webhooks/calendly',
    summary: 'Calendly invitee events (invitee.created / invitee.canceled) as bookings; signed with Calendly-Webhook-Signature',
    tag: 'webhooks',
    auth: 'signature',
    body: calendlyWebhookSchema,
    headers: [{ name: CALENDLY_SIGNATURE_HEADER, description: 't=<unix seconds>,v1=<hex HMAC-SHA256(CALENDLY_WEBHOOK_SIGNING_KEY, "<t>.<raw body>")>', required: true }],
    responses: {
      200: { description: 'Received: what became of the invitee, `duplicate: true` for a delivery seen before, `ignored: true` for other event kinds.', schema: receivedSchema },
      400: { description: 'Malformed signature header, body not JSON or not an invitee event.', schema: errorResponseSchema },
      401: { description: 'Missing, wrong or stale signature.', schema: errorResponseSchema },
      503: { description: 'The Calendly intake is not configured, or Temporal or the database is unavailable (Calendly retries).', schema: errorResponseSchema },
    },
  },
];
