/**
 * Calendly as a second way bookings come in (seed 002). An invitee becomes a booking through the
 * normal booking path (create-booking: idempotency key, hold in slot_holds, payment), so nothing
 * double-books across channels. Each invitee is remembered (calendly_invitees) with its booking:
 *
 *   invitee.created               → a booking for that slot; a taken slot ends REJECTED and the
 *                                   Calendly event is cancelled with the reason (a durable workflow)
 *   invitee.canceled              → the booking is cancelled (refund per policy; in full when the host cancelled)
 *   invitee.canceled rescheduled  ┐ one reschedule of the same booking, in either order: the created
 *   + invitee.created old_invitee ┘ one moves it; a cancellation that comes first waits for it (a
 *                                   durable timer), and counts as a cancellation if it never comes
 *
 * Every step is safe to repeat: a delivery is acted on first and recorded after, so a crash in
 * between makes Calendly's retry do the rest.
 */
import type { Kysely } from 'kysely';
import { appointmentEnd, type BookingInputConfig } from '../bookings/booking-input';
import type { BookingClient } from '../bookings/booking-client';
import { BookingClosedError, SlotNotOfferedError, SlotUnavailableError } from '../bookings/booking-errors';
import { createBooking } from '../bookings/create-booking';
import { findResourceByCalendlyUser, findServiceByCalendlyEventType } from '../catalog/calendar-bindings.repository';
import { ResourceNotFoundError, ServiceNotFoundError } from '../catalog/catalog-errors';
import type { Resource, Service } from '../catalog/catalog.types';
import type { Database } from '../db/schema';
import type { Logger } from '../logging/logger';
import { Actor, FailureType, NotificationKind, RefundChoice } from '../../workflows/contract';
import { claimCalendlyInvitee, findCalendlyInvitee, recordCalendlyInvitee } from './calendly-invitees.repository';
import type { CalendlyInvitee, CalendlyScheduledEvent } from './calendly-webhook-event';
import type { CalendlyFollowUps } from './calendly-workflows';
import { isTemporalFailure } from './temporal-failure-type';
import { calendlySmsNumber } from './calendly-phone';

export interface CalendlyIntakeDeps {
  db: Kysely<Database>;
  bookings: Pick<BookingClient, 'createBooking' | 'awaitCreation' | 'isKnownToTemporal' | 'getBooking' | 'reschedule' | 'cancel'>;
  config: BookingInputConfig & { CALENDLY_RESCHEDULE_WAIT_MINUTES: number };
  followUps: CalendlyFollowUps;
  logger: Logger;
  now: () => Date;
}

export type CalendlyOutcome = 'booked' | 'rejected' | 'rescheduled' | 'cancelled' | 'awaiting-partner' | 'already-handled' | 'not-ours';

const TAKEN_REASON = 'Sorry, this time was just booked by someone else. Please pick another time.';
const NOT_OFFERED_REASON = 'Sorry, this appointment cannot be booked at that time. Please pick another time.';

interface Bound {
  service: Service;
  resource: Resource;
}

/** The service and resource an event is for, or null when its event type or host is not bound here (someone else's Calendly use). */
async function boundTo(db: Kysely<Database>, event: CalendlyScheduledEvent): Promise<Bound | null> {
  const service = await findServiceByCalendlyEventType(db, event.event_type);
  if (!service) return null;
  for (const membership of event.event_memberships) {
    const resource = await findResourceByCalendlyUser(db, membership.user);
    if (resource) return { service, resource };
  }
  return null;
}

export async function onInviteeCreated(deps: CalendlyIntakeDeps, invitee: CalendlyInvitee): Promise<CalendlyOutcome> {
  if (await findCalendlyInvitee(deps.db, invitee.uri)) return 'already-handled';
  const event = invitee.scheduled_event;
  if (!event) throw new Error(`invitee.created for ${invitee.uri} carries no scheduled_event`);
  const bound = await boundTo(deps.db, event);
  if (!bound) {
    deps.logger.info('calendly: invitee of an event type or host not bound here, ignored', { invitee: invitee.uri, eventType: event.event_type });
    return 'not-ours';
  }
  if (invitee.old_invitee) {
    const moved = await rescheduleFrom(deps, invitee, event, bound, invitee.old_invitee);
    if (moved) return moved;
  }
  return bookNew(deps, invitee, event, bound);
}

async function bookNew(deps: CalendlyIntakeDeps, invitee: CalendlyInvitee, event: CalendlyScheduledEvent, { service, resource }: Bound): Promise<CalendlyOutcome> {
  const phone = calendlySmsNumber(invitee.text_reminder_number);
  const request = {
    serviceId: service.id,
    resourceId: resource.id,
    start: new Date(event.start_time).toISOString(),
    customer: { name: invitee.name, email: invitee.email, ...(phone ? { phone } : {}) },
    notes: 'Booked through Calendly.',
  };
  let created;
  try {
    created = await createBooking({ db: deps.db, bookings: deps.bookings, config: deps.config }, { request, idempotencyKey: `calendly:${invitee.uri}`, now: deps.now(), source: 'calendly' });
  } catch (error) {
    const taken = error instanceof SlotUnavailableError || isTemporalFailure(error, FailureType.SLOT_UNAVAILABLE);
    const refused = error instanceof SlotNotOfferedError || error instanceof ServiceNotFoundError || error instanceof ResourceNotFoundError;
    if (!taken && !refused) throw error;
    await deps.followUps.cancelCalendlyEvent({ scheduledEventUri: event.uri, reason: taken ? TAKEN_REASON : NOT_OFFERED_REASON });
    await recordCalendlyInvitee(deps.db, { inviteeUri: invitee.uri, bookingId: null, scheduledEventUri: event.uri, status: 'rejected', detail: error instanceof Error ? error.message : String(error) });
    deps.logger.info('calendly: invitee refused, its Calendly event is being cancelled', { invitee: invitee.uri, taken });
    return 'rejected';
  }
  if (created.checkoutUrl) {
    // Calendly has no page to show the checkout link on: the customer gets it by message.
    const booking = created.booking;
    await deps.followUps.requestPayment({
      bookingId: created.bookingId,
      kind: NotificationKind.PAYMENT_REQUESTED,
      key: 'payment-requested',
      revision: 0,
      customer: { name: booking.customer.name, email: booking.customer.email, phone: booking.customer.phone },
      serviceName: service.name,
      resourceName: resource.name,
      timeZone: resource.timeZone,
      start: booking.start,
      end: booking.end,
      amountCents: booking.payment.amountCents,
      currency: booking.payment.currency,
      checkoutUrl: created.checkoutUrl,
      publicBaseUrl: deps.config.PUBLIC_BASE_URL,
    });
  }
  await recordCalendlyInvitee(deps.db, { inviteeUri: invitee.uri, bookingId: created.bookingId, scheduledEventUri: event.uri, status: 'booked' });
  return 'booked';
}

/**
 * The new invitee of a reschedule moves the old invitee's booking. Null when the old invitee has no
 * booking here to move (it was never ours, or was refused): then the new one is a new booking.
 */
async function rescheduleFrom(deps: CalendlyIntakeDeps, invitee: CalendlyInvitee, event: CalendlyScheduledEvent, bound: Bound, oldUri: string): Promise<CalendlyOutcome | null> {
  const old = await findCalendlyInvitee(deps.db, oldUri);
  if (!old?.booking_id) return null;
  // Ours to move if still booked or waiting for us; or already claimed for us by a delivery that crashed.
  const claimed = (await claimCalendlyInvitee(deps.db, oldUri, ['booked', 'awaiting_partner'], 'rescheduled', invitee.uri)) ?? (old.status === 'rescheduled' && old.partner_invitee_uri === invitee.uri ? old : null);
  if (!claimed?.booking_id) return null;
  const bookingId = claimed.booking_id;
  const start = new Date(event.start_time);
  try {
    const current = await deps.bookings.getBooking(bookingId);
    if (Date.parse(current.start) !== start.getTime()) {
      await deps.bookings.reschedule(bookingId, { start: start.toISOString(), end: appointmentEnd(bound.service, start), actor: Actor.PROVIDER });
    }
  } catch (error) {
    const taken = isTemporalFailure(error, FailureType.SLOT_UNAVAILABLE);
    const closed = error instanceof BookingClosedError || isTemporalFailure(error, FailureType.INVALID_TRANSITION);
    if (!taken && !closed) throw error;
    // The invitee gave up the old time in Calendly and cannot have the new one here: the booking ends
    // (refunded in full, not the customer's doing) and Calendly cancels the new event with the reason.
    if (taken) await cancelQuietly(deps, bookingId, 'rescheduled in Calendly to a time that is taken', Actor.PROVIDER, RefundChoice.FULL);
    await deps.followUps.cancelCalendlyEvent({ scheduledEventUri: event.uri, reason: TAKEN_REASON });
    await recordCalendlyInvitee(deps.db, { inviteeUri: invitee.uri, bookingId, scheduledEventUri: event.uri, status: 'rejected', detail: error instanceof Error ? error.message : String(error) });
    return 'rejected';
  }
  await recordCalendlyInvitee(deps.db, { inviteeUri: invitee.uri, bookingId, scheduledEventUri: event.uri, status: 'booked' });
  deps.logger.info('calendly: booking rescheduled', { bookingId, from: oldUri, to: invitee.uri });
  return 'rescheduled';
}

export async function onInviteeCanceled(deps: CalendlyIntakeDeps, invitee: CalendlyInvitee): Promise<CalendlyOutcome> {
  const row = await findCalendlyInvitee(deps.db, invitee.uri);
  if (!row?.booking_id) return row ? 'already-handled' : 'not-ours';
  if (row.status === 'rescheduled' || row.status === 'rejected') return 'already-handled';
  if (invitee.rescheduled) {
    // The new invitee may come after this: the booking waits for it (durably) instead of being cancelled.
    await claimCalendlyInvitee(deps.db, invitee.uri, ['booked'], 'awaiting_partner', invitee.new_invitee ?? null);
    const now = await findCalendlyInvitee(deps.db, invitee.uri);
    if (now?.status !== 'awaiting_partner') return 'already-handled';
    await deps.followUps.awaitReschedulePartner({ inviteeUri: invitee.uri, waitMinutes: deps.config.CALENDLY_RESCHEDULE_WAIT_MINUTES });
    return 'awaiting-partner';
  }
  if (row.status === 'canceled') return 'already-handled';
  const byHost = invitee.cancellation?.canceler_type === 'host';
  const reason = invitee.cancellation?.reason?.trim() || (byHost ? 'cancelled by the host in Calendly' : 'cancelled in Calendly');
  // Act first, record after: a crash in between leaves the invitee booked, and Calendly's retry cancels again (a no-op).
  await cancelQuietly(deps, row.booking_id, reason, byHost ? Actor.ADMIN : Actor.CUSTOMER, byHost ? RefundChoice.FULL : RefundChoice.POLICY);
  await claimCalendlyInvitee(deps.db, invitee.uri, ['booked', 'awaiting_partner'], 'canceled');
  return 'cancelled';
}

/** Cancels a booking; one that is already over or cancelled is left as it is. */
export async function cancelQuietly(deps: { bookings: Pick<BookingClient, 'cancel'>; logger: Logger }, bookingId: string, reason: string, actor: Actor, refund: RefundChoice): Promise<void> {
  try {
    await deps.bookings.cancel(bookingId, { reason, actor, refund });
  } catch (error) {
    if (error instanceof BookingClosedError || isTemporalFailure(error, FailureType.INVALID_TRANSITION)) {
      deps.logger.info('calendly: booking already closed, nothing to cancel', { bookingId });
      return;
    }
    throw error;
  }
}

