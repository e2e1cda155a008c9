import type { Kysely } from 'kysely';
import type { Database, WeeklyHours } from './schema';

const DEMO_SERVICE_ID = 'svc_demo_consultation';
const DEMO_RESOURCE_ID = 'res_demo_alex';

const workday = [{ start: '09:00', end: '17:00' }];
const DEMO_HOURS: WeeklyHours = { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday, sat: [], sun: [] };

/**
 * Gives a fresh database something to book: one service and one resource offering it. Runs only when
 * there are no services at all, so an operator's own catalog is never touched; safe to run on every start.
 */
export async function seedDemoData(db: Kysely<Database>): Promise<{ seeded: boolean }> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('services').select('id').limit(1).executeTakeFirst();
    if (existing) return { seeded: false };
    const inserted = await trx
      .insertInto('services')
      .values({
        id: DEMO_SERVICE_ID,
        name: 'Consultation',
        duration_minutes: 30,
        price_cents: 5000,
        currency: 'EUR',
        deposit_cents: 0,
        buffer_before_minutes: 0,
        buffer_after_minutes: 10,
        min_notice_minutes: 60,
        max_advance_days: 60,
        slot_step_minutes: 30,
        payment_window_minutes: 15,
        refund_window_hours: 24,
        reminder_offsets_minutes: JSON.stringify([1440, 60]),
        max_reschedules: 3,
        active: true,
      })
      // Two processes starting at once both see no services; the second one's insert is a no-op.
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return { seeded: false };
    await trx
      .insertInto('resources')
      .values({
        id: DEMO_RESOURCE_ID,
        name: 'Alex',
        time_zone: 'Europe/Berlin',
        weekly_hours: JSON.stringify(DEMO_HOURS),
        date_overrides: JSON.stringify({}),
        calendar_id: null,
        active: true,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await trx
      .insertInto('resource_services')
      .values({ resource_id: DEMO_RESOURCE_ID, service_id: DEMO_SERVICE_ID })
      .onConflict((oc) => oc.columns(['resource_id', 'service_id']).doNothing())
      .execute();
    return { seeded: true };
  });
}
