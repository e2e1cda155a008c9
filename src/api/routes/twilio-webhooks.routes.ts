import express, { Router, type Request } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import { isDeliveryFailure, twilioErrorDescription } from '../../notifications/delivery-status';
import { recordDeliveryReport } from '../../notifications/notifications.repository';
import { startSmsFallback } from '../../notifications/start-sms-fallback';
import { TWILIO_WEBHOOK_PATH, twilioStatusCallbackUrl } from '../../providers/messages/twilio/twilio-webhook-url';
import { isWebhookEventRecorded } from '../../webhooks/webhook-event-seen';
import { recordWebhookEvent } from '../../webhooks/webhook-events.repository';
import type { ApiDeps } from '../api-deps';
import { ApiError } from '../errors/api-error';
import { ErrorCode } from '../errors/error-codes';
import { zodIssuesToDetails } from '../errors/zod-issues';
import { BODY_LIMIT } from '../middleware/body-parsing';
import type { RouteDoc } from '../route-doc';
import { errorResponseSchema } from '../schemas/common.schemas';

const PROVIDER = 'twilio';
const SIGNATURE_HEADER = 'X-Twilio-Signature';

/** The part of Twilio's message status callback we read (it posts more: AccountSid, From, To, ApiVersion, SmsSid...). */
const statusCallbackSchema = z.object({
  MessageSid: z.string().min(1),
  MessageStatus: z.string().min(1),
  ErrorCode: z.string().optional(),
  ErrorMessage: z.string().optional(),
});

const receivedSchema = z.object({
  received: z.literal(true),
  duplicate: z.boolean().optional(),
  unknownMessage: z.boolean().optional(),
  fallback: z.enum(['started', 'already-started']).optional(),
});

/** Twilio signs the URL it called, query string included: ours, as configured, plus whatever query came with it. */
function signedUrl(req: Request, publicBaseUrl: string): string {
  const query = req.originalUrl.indexOf('?');
  return twilioStatusCallbackUrl(publicBaseUrl) + (query >= 0 ? req.originalUrl.slice(query) : '');
}

/**
 * Twilio's message status callbacks (the StatusCallback every SMS asks for). Verified with the twilio
 * package's `validateRequest` (HMAC-SHA1 with the account's auth token over the public URL and the
 * sorted form fields) before anything is read; the status lands on the SMS's notification row, in
 * order whatever order the callbacks come in; an SMS that ends `undelivered` or `failed` starts its
 * email fallback, and the answer is 2xx only once that start was accepted.
 */
export function createTwilioWebhooksRouter(deps: ApiDeps): Router {
  const { db, config } = deps;
  const router = Router();

  router.post(TWILIO_WEBHOOK_PATH, express.urlencoded({ extended: false, limit: BODY_LIMIT, type: () => true }), async (req, res) => {
    const authToken = config.TWILIO_AUTH_TOKEN;
    if (!authToken) throw new ApiError(ErrorCode.UNAVAILABLE, 'Twilio is not configured (TWILIO_AUTH_TOKEN).');
    const params = (req.body ?? {}) as Record<string, string>;
    const signature = req.get(SIGNATURE_HEADER);
    if (!signature || !twilio.validateRequest(authToken, signature, signedUrl(req, config.PUBLIC_BASE_URL), params)) {
      throw ApiError.unauthorized(`A valid ${SIGNATURE_HEADER} header is required.`);
    }
    const parsed = statusCallbackSchema.safeParse(params);
    if (!parsed.success) throw ApiError.validation('Not a message status callback.', zodIssuesToDetails(parsed.error.issues));
    const callback = parsed.data;
    const status = callback.MessageStatus.toLowerCase();
    // One event per message and status: Twilio may post the same status again.
    const eventId = `${callback.MessageSid}:${status}`;
    if (await isWebhookEventRecorded(db, PROVIDER, eventId)) {
      res.json({ received: true, duplicate: true });
      return;
    }
    const report = await recordDeliveryReport(db, {
      provider: PROVIDER,
      providerMessageId: callback.MessageSid,
      status,
      errorCode: callback.ErrorCode ?? null,
      detail: callback.ErrorMessage ?? twilioErrorDescription(callback.ErrorCode),
    });
    let fallback: 'started' | 'already-started' | undefined;
    // Started whenever the row shows a failed delivery, not only when this callback changed it: a
    // repeat after a failed start must still get it going (the workflow id makes it once).
    if (report && report.notification.channel === 'sms' && isDeliveryFailure(report.notification.delivery.status)) {
      fallback = await startSmsFallback(deps.temporal, config.TEMPORAL_TASK_QUEUE, { notificationId: report.notification.id, publicBaseUrl: config.PUBLIC_BASE_URL });
    }
    await recordWebhookEvent(db, { provider: PROVIDER, eventId, eventType: `message.${status}`, bookingId: report?.notification.bookingId ?? null, payload: params });
    deps.logger.info('twilio status callback handled', { messageSid: callback.MessageSid, status, known: report !== null, fallback });
    res.json({ received: true, ...(report ? {} : { unknownMessage: true }), ...(fallback ? { fallback } : {}) });
  });

  return router;
}

export const twilioWebhooksRouteDocs: RouteDoc[] = [
  {
    method: 'post',
    path: TWILIO_WEBHOOK_PATH,
    summary:
      'Twilio message status callbacks (form-encoded: MessageSid, MessageStatus, ErrorCode...), signed with X-Twilio-Signature; give Twilio <PUBLIC_BASE_URL>/v1/webhooks/twilio (every SMS sets it as its StatusCallback)',
    tag: 'webhooks',
    auth: 'signature',
    headers: [{ name: SIGNATURE_HEADER, description: "base64 HMAC-SHA1, keyed with the account's auth token, of the URL followed by each form field's name and value sorted by name", required: true }],
    responses: {
      200: {
        description:
          'Recorded on the SMS notification (`duplicate: true`: this status was already handled; `unknownMessage: true`: no message of ours has that MessageSid; `fallback`: the email fallback of an undelivered or failed SMS).',
        schema: receivedSchema,
      },
      400: { description: 'Not a message status callback (VALIDATION_FAILED).', schema: errorResponseSchema },
      401: { description: 'Missing or wrong signature (UNAUTHORIZED).', schema: errorResponseSchema },
      503: { description: 'Twilio is not configured, or the database or Temporal is unreachable (UNAVAILABLE): Twilio may retry.', schema: errorResponseSchema },
    },
  },
];
