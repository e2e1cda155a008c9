/**
 * The booking's activities with the work taken out: the same names, inputs and results as the real
 * ones (so the payloads Temporal carries are the same size), no database and no provider. The one
 * thing kept is the read model, as a Map in this process instead of a table, because the bench reads
 * "CONFIRMED" from it over HTTP the way it reads the product's from PostgreSQL.
 */
import type { BookingActivities, BookingStatus } from '../../../workflows/contract';

export type NoopReadModel = Map<string, BookingStatus>;

export type NoopActivities = Pick<
  BookingActivities,
  'recordTransition' | 'holdSlot' | 'createPaymentSession' | 'confirmHold' | 'createCalendarEvent' | 'sendNotification'
>;

export function createNoopActivities(readModel: NoopReadModel, checkoutBaseUrl: string): NoopActivities {
  return {
    async recordTransition({ booking }) {
      readModel.set(booking.id, booking.status);
    },
    async holdSlot({ holdKey }) {
      return { holdId: holdKey };
    },
    async createPaymentSession({ bookingId }) {
      return { provider: 'noop', sessionId: bookingId, checkoutUrl: `${checkoutBaseUrl}/checkout/${bookingId}` };
    },
    async confirmHold() {},
    async createCalendarEvent({ idempotencyKey, resourceId }) {
      return { eventId: idempotencyKey, resourceId };
    },
    async sendNotification() {
      return { sent: ['email'] };
    },
  };
}
