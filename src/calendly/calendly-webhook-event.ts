/**
 * The part of Calendly's webhook payload (API v2, `invitee.created` / `invitee.canceled`) the intake
 * reads. Unknown fields pass; other event kinds are acknowledged and ignored.
 */
import { z } from 'zod';

const uri = z.string().url();

export const calendlyScheduledEventSchema = z.object({
  uri,
  start_time: z.string().datetime({ offset: true }),
  end_time: z.string().datetime({ offset: true }),
  event_type: uri,
  event_memberships: z.array(z.object({ user: uri }).passthrough()).default([]),
}).passthrough();

export const calendlyInviteeSchema = z.object({
  uri,
  email: z.string().email(),
  name: z.string().min(1),
  /** The scheduled event's URI. */
  event: uri,
  text_reminder_number: z.string().nullish(),
  rescheduled: z.boolean().default(false),
  old_invitee: uri.nullish(),
  new_invitee: uri.nullish(),
  cancellation: z.object({ reason: z.string().nullish(), canceler_type: z.string().nullish() }).passthrough().nullish(),
  scheduled_event: calendlyScheduledEventSchema.optional(),
}).passthrough();

export const calendlyWebhookSchema = z.object({
  event: z.string().min(1),
  created_at: z.string().optional(),
  payload: z.unknown(),
}).passthrough();

export type CalendlyInvitee = z.infer<typeof calendlyInviteeSchema>;
export type CalendlyScheduledEvent = z.infer<typeof calendlyScheduledEventSchema>;

/**
 * Calendly's deliveries carry no event id: an invitee is created once and cancelled once, so the kind
 * and the invitee URI name one event for dedupe.
 */
export function calendlyEventId(kind: string, inviteeUri: string): string {
  return `${kind}:${inviteeUri}`;
}

/** The event's UUID, the last path segment of its URI, as the cancellation endpoint wants it. */
export function scheduledEventUuid(scheduledEventUri: string): string {
  return new URL(scheduledEventUri).pathname.split('/').filter(Boolean).at(-1) ?? '';
}
