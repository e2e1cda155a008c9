/**
 * POST /v1/bookings as a domain operation: bind the Idempotency-Key, answer a repeat with the
 * booking as it is now, and start a booking only when none was started for the key.
 *
 * A booking the read model knows is never started again: after Temporal's retention drops a closed
 * run, update-with-start would begin a new run of the same booking id, so only a booking the read
 * model does not know yet (its first transition not recorded) goes through update-with-start.
 */
import type { Kysely } from 'kysely';
import { assertFreeInCalendar } from '../availability/calendar-busy-check';
import type { Database } from '../db/schema';
import type { CalendarProvider } from '../providers/calendar/calendar-provider';
import { claimIdempotencyKey } from '../idempotency/idempotency-keys.repository';
import { atDuration } from '../pricing/price-tiers';
import { BookingStatus, PaymentStatus } from '../../workflows/contract';
import { assertSlotOffered, loadBookable } from './bookable-slot';
import type { BookingClient, CreatedBooking } from './booking-client';
import { IdempotencyKeyReusedError, SlotUnavailableError } from './booking-errors';
import { newBookingId } from './booking-id';
import { type BookingInputConfig, type BookingRequest, bookingWorkflowInput } from './booking-input';
import { bookingViewFromRecord, pendingCheckoutUrl } from './booking-view';
import { type BookingRecord, getBooking as getBookingRecord } from './bookings.repository';
import { requestHash } from './request-hash';

export interface CreateBookingDeps {
  db: Kysely<Database>;
  bookings: Pick<BookingClient, 'createBooking' | 'awaitCreation' | 'isKnownToTemporal'>;
  config: BookingInputConfig;
  /** Issue 7: the resource's calendar, asked again for the chosen slot before it is held. */
  calendar?: CalendarProvider;
}

export interface CreateBookingRequest extends BookingRequest {
  serviceId: string;
  resourceId: string;
}

export interface CreateBookingCommand {
  request: CreateBookingRequest;
  idempotencyKey?: string | undefined;
  now: Date;
  /**
   * Issue 7: where the booking comes from. A Calendly booking was offered by Calendly's own schedule
   * and already sits in the resource's calendar as Calendly's event, so only the hold judges it.
   */
  source?: 'api' | 'calendly';
}

export interface BookingCreation extends CreatedBooking {
  bookingId: string;
}

/** The booking id the key is bound to (a fresh one on first use); another body under the same key is refused. */
async function bookingIdFor(db: Kysely<Database>, key: string, request: CreateBookingRequest, freshId: string): Promise<string> {
  const hash = requestHash(request);
  const claimed = await claimIdempotencyKey(db, key, hash, freshId);
  if (claimed.requestHash !== hash) throw new IdempotencyKeyReusedError(key);
  return claimed.bookingId;
}

/**
 * A repeat of a booking the read model knows, answered as the booking is now; null when the read
 * model does not know it yet. A booking still being held (PENDING) waits for the first request's
 * outcome through the workflow, which is never started from here.
 */
async function repeatOfKnownBooking(deps: CreateBookingDeps, bookingId: string): Promise<CreatedBooking | null> {
  let record = await getBookingRecord(deps.db, bookingId);
  if (!record) return null;
  if (record.status === BookingStatus.PENDING) {
    const outcome = await deps.bookings.awaitCreation(bookingId);
    if (outcome) return outcome;
    // Temporal no longer has it: the read model is all there is.
    record = (await getBookingRecord(deps.db, bookingId)) ?? record;
  }
  // The first request was answered 409; its repeat hears the same.
  if (record.status === BookingStatus.REJECTED) throw new SlotUnavailableError();
  const checkoutUrl = pendingCheckoutUrl(record);
  return { booking: bookingViewFromRecord(record), checkoutUrl, clientSecret: await pendingClientSecret(deps, record, checkoutUrl) };
}

/**
 * The read model keeps no client secret (Payment Element mode), so a repeat of a booking still waiting
 * for its payment asks the workflow's recorded create outcome for it.
 */
async function pendingClientSecret(deps: CreateBookingDeps, record: BookingRecord, checkoutUrl: string | null): Promise<string | null> {
  if (checkoutUrl !== null || record.status !== BookingStatus.AWAITING_PAYMENT || record.payment.status !== PaymentStatus.PENDING) return null;
  return (await deps.bookings.awaitCreation(record.id))?.clientSecret ?? null;
}

export async function createBooking(deps: CreateBookingDeps, command: CreateBookingCommand): Promise<BookingCreation> {
  const { request } = command;
  const freshId = newBookingId();
  const bookingId = command.idempotencyKey === undefined ? freshId : await bookingIdFor(deps.db, command.idempotencyKey, request, freshId);
  const isRepeat = bookingId !== freshId;

  if (isRepeat) {
    const known = await repeatOfKnownBooking(deps, bookingId);
    if (known) return { bookingId, ...known };
  }

  const { service, resource } = await loadBookable(deps.db, request.serviceId, request.resourceId);
  // A repeat of a booking that was started skips the schedule check: its slot is the one it holds,
  // and the minimum notice may have passed since the first request.
  const started = isRepeat && (await deps.bookings.isKnownToTemporal(bookingId));
  // The slot must fit the asked duration's tier (a duration the service does not offer is refused here).
  const booked = atDuration(service, request.durationMinutes);
  if (!started && command.source !== 'calendly') {
    assertSlotOffered(booked, resource, new Date(request.start), command.now);
    if (deps.calendar) await assertFreeInCalendar(deps.calendar, booked, resource.id, new Date(request.start));
  }

  const created = await deps.bookings.createBooking(bookingWorkflowInput(bookingId, service, resource, request, deps.config));
  return { bookingId, ...created };
}
