import type { Kysely } from 'kysely';
import type { BookingClient } from '../bookings/booking-client';
import type { Database } from '../db/schema';
import type { Logger } from '../logging/logger';
import { Actor, RefundChoice, type SettleCalendlyInviteeResult } from '../../workflows/contract';
import { cancelQuietly } from './calendly-intake';
import { claimCalendlyInvitee, findCalendlyInvitee } from './calendly-invitees.repository';

export interface SettleDeps {
  db: Kysely<Database>;
  bookings: Pick<BookingClient, 'cancel'>;
  logger: Logger;
}

/**
 * The end of a reschedule's wait: an invitee whose new invitee arrived was moved (nothing to do); one
 * still waiting counts as cancelled, and its booking is cancelled under the refund policy. Claimed in
 * one statement, so a new invitee arriving at the same moment either moves the booking or finds it cancelled.
 */
export async function settleCalendlyInvitee(deps: SettleDeps, inviteeUri: string): Promise<SettleCalendlyInviteeResult> {
  const row = (await claimCalendlyInvitee(deps.db, inviteeUri, ['awaiting_partner'], 'canceled')) ?? (await findCalendlyInvitee(deps.db, inviteeUri));
  if (!row?.booking_id) return 'nothing-to-do';
  if (row.status === 'rescheduled') return 'rescheduled';
  if (row.status !== 'canceled') return 'nothing-to-do';
  // A retry after a crash lands here too: cancelling a cancelled booking does nothing.
  await cancelQuietly(deps, row.booking_id, 'cancelled in Calendly (rescheduled, but no new time arrived)', Actor.CUSTOMER, RefundChoice.POLICY);
  deps.logger.info('calendly: reschedule partner never came, booking cancelled', { inviteeUri, bookingId: row.booking_id });
  return 'cancelled';
}
