import { z } from 'zod';

/** The body of a local provider webhook; what `/v1/webhooks/local` accepts. */
export const localWebhookEventSchema = z.object({
  id: z.string().min(1).max(100),
  type: z.enum(['payment.succeeded', 'payment.failed']),
  created: z.number().int(),
  data: z.object({
    sessionId: z.string().min(1),
    bookingId: z.string().min(1),
    paymentId: z.string().min(1).nullable(),
    amountCents: z.number().int().min(0),
    currency: z.string().length(3),
    reason: z.string().optional(),
  }),
});

export type LocalWebhookEvent = z.infer<typeof localWebhookEventSchema>;
export const LOCAL_PROVIDER_NAME = 'local';
