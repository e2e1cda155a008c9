import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { CalendarEventSpec, CalendarProvider, Interval } from './calendar-provider';

export class CalendarEventNotFoundError extends Error {
  override readonly name = 'CalendarEventNotFoundError';
}

/** The embedded calendar: each resource's appointments as rows in `local_calendar_events`. */
export class LocalCalendar implements CalendarProvider {
  readonly name = 'local';

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

  async moveEvent(input: { eventId: string; resourceId: string; start: Date; end: Date }): Promise<void> {
    const moved = await this.db
      .updateTable('local_calendar_events')
      .set({ start_at: input.start, end_at: input.end, resource_id: input.resourceId, updated_at: new Date() })
      .where('id', '=', input.eventId)
      .executeTakeFirst();
    if (moved.numUpdatedRows === 0n) throw new CalendarEventNotFoundError(`calendar event ${input.eventId} does not exist`);
  }

  async deleteEvent(input: { eventId: string; resourceId: string }): Promise<void> {
    await this.db
      .updateTable('local_calendar_events')
      .set({ status: 'cancelled', updated_at: new Date() })
      .where('id', '=', input.eventId)
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
