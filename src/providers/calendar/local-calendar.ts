import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { ProviderFailure, ProviderFailureKind } from '../provider-failure';
import type { CalendarEventRef, CalendarEventSpec, CalendarProvider, Interval } from './calendar-provider';

const PROVIDER = 'local';

/** An event by its id, or by the key it was made with when the caller never learned the id. */
function eventMatching(ref: CalendarEventRef) {
  return (eb: ExpressionBuilder<Database, 'local_calendar_events'>) =>
    ref.eventId ? eb('id', '=', ref.eventId) : eb('idempotency_key', '=', ref.idempotencyKey ?? '');
}

/** The embedded calendar: each resource's appointments as rows in `local_calendar_events`. */
export class LocalCalendar implements CalendarProvider {
  readonly name = PROVIDER;

  constructor(private readonly db: Kysely<Database>) {}

  async createEvent(spec: CalendarEventSpec): Promise<{ eventId: string }> {
    await this.db
      .insertInto('local_calendar_events')
      .values({
        id: `evt_${randomUUID()}`,
        idempotency_key: spec.idempotencyKey,
        booking_id: spec.bookingId,
        resource_id: spec.resourceId,
        start_at: spec.start,
        end_at: spec.end,
        summary: spec.summary,
        description: spec.description,
        attendee_email: spec.attendeeEmail,
        status: 'confirmed',
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('local_calendar_events')
      .select('id')
      .where('idempotency_key', '=', spec.idempotencyKey)
      .executeTakeFirstOrThrow();
    return { eventId: row.id };
  }

  async moveEvent(input: CalendarEventRef & { start: Date; end: Date }): Promise<void> {
    const moved = await this.db
      .updateTable('local_calendar_events')
      .set({ start_at: input.start, end_at: input.end, resource_id: input.resourceId, updated_at: new Date() })
      .where(eventMatching(input))
      .where('status', '<>', 'cancelled')
      .executeTakeFirst();
    if (moved.numUpdatedRows === 0n) {
      throw new ProviderFailure(ProviderFailureKind.NOT_FOUND, `calendar event ${input.eventId ?? input.idempotencyKey} does not exist`, { provider: PROVIDER });
    }
  }

  async deleteEvent(input: CalendarEventRef): Promise<void> {
    await this.db
      .updateTable('local_calendar_events')
      .set({ status: 'cancelled', updated_at: new Date() })
      .where(eventMatching(input))
      .where('status', '<>', 'cancelled')
      .execute();
  }

  /**
   * Nothing outside this product writes to the local calendar: every event here belongs to a booking
   * whose time is already taken by its row in `slot_holds`, which availability reads directly.
   * Returning those events again would only count the same time twice.
   */
  busy(_input: { resourceId: string; from: Date; to: Date }): Promise<Interval[]> {
    return Promise.resolve([]);
  }
}
