import type { Kysely, Selectable } from 'kysely';
import type { Database, ServicesTable } from '../db/schema';
import type { Service } from './catalog.types';

type Db = Kysely<Database>;

export function serviceFromRow(row: Selectable<ServicesTable>): Service {
  return {
    id: row.id,
    name: row.name,
    durationMinutes: row.duration_minutes,
    priceCents: row.price_cents,
    currency: row.currency,
    depositCents: row.deposit_cents,
    bufferBeforeMinutes: row.buffer_before_minutes,
    bufferAfterMinutes: row.buffer_after_minutes,
    minNoticeMinutes: row.min_notice_minutes,
    maxAdvanceDays: row.max_advance_days,
    slotStepMinutes: row.slot_step_minutes,
    paymentWindowMinutes: row.payment_window_minutes,
    refundWindowHours: row.refund_window_hours,
    reminderOffsetsMinutes: row.reminder_offsets_minutes,
    maxReschedules: row.max_reschedules,
    calendlyEventTypeUri: row.calendly_event_type_uri,
    priceTiers: row.price_tiers.map((t) => ({ durationMinutes: t.durationMinutes, priceCents: t.priceCents })),
    active: row.active,
  };
}

function columnsOf(s: Partial<Omit<Service, 'id'>>) {
  return {
    name: s.name,
    duration_minutes: s.durationMinutes,
    price_cents: s.priceCents,
    currency: s.currency,
    deposit_cents: s.depositCents,
    buffer_before_minutes: s.bufferBeforeMinutes,
    buffer_after_minutes: s.bufferAfterMinutes,
    min_notice_minutes: s.minNoticeMinutes,
    max_advance_days: s.maxAdvanceDays,
    slot_step_minutes: s.slotStepMinutes,
    payment_window_minutes: s.paymentWindowMinutes,
    refund_window_hours: s.refundWindowHours,
    reminder_offsets_minutes: s.reminderOffsetsMinutes === undefined ? undefined : JSON.stringify(s.reminderOffsetsMinutes),
    max_reschedules: s.maxReschedules,
    calendly_event_type_uri: s.calendlyEventTypeUri,
    price_tiers: s.priceTiers === undefined ? undefined : JSON.stringify(s.priceTiers),
    active: s.active,
  };
}

export async function listActiveServices(db: Db): Promise<Service[]> {
  const rows = await db.selectFrom('services').selectAll().where('active', '=', true).orderBy('name').orderBy('id').execute();
  return rows.map(serviceFromRow);
}

export async function listAllServices(db: Db): Promise<Service[]> {
  const rows = await db.selectFrom('services').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(serviceFromRow);
}

export async function getService(db: Db, id: string): Promise<Service | null> {
  const row = await db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? serviceFromRow(row) : null;
}

export async function createService(db: Db, service: Service): Promise<Service> {
  const row = await db
    .insertInto('services')
    .values({
      id: service.id,
      name: service.name,
      duration_minutes: service.durationMinutes,
      price_cents: service.priceCents,
      currency: service.currency,
      deposit_cents: service.depositCents,
      buffer_before_minutes: service.bufferBeforeMinutes,
      buffer_after_minutes: service.bufferAfterMinutes,
      min_notice_minutes: service.minNoticeMinutes,
      max_advance_days: service.maxAdvanceDays,
      slot_step_minutes: service.slotStepMinutes,
      payment_window_minutes: service.paymentWindowMinutes,
      refund_window_hours: service.refundWindowHours,
      reminder_offsets_minutes: JSON.stringify(service.reminderOffsetsMinutes),
      max_reschedules: service.maxReschedules,
      calendly_event_type_uri: service.calendlyEventTypeUri ?? null,
      price_tiers: JSON.stringify(service.priceTiers ?? []),
      active: service.active,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return serviceFromRow(row);
}

/** Applies the given fields only; returns null when there is no such service. */
export async function updateService(db: Db, id: string, patch: Partial<Omit<Service, 'id'>>): Promise<Service | null> {
  const row = await db
    .updateTable('services')
    .set({ ...withoutUndefined(columnsOf(patch)), updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? serviceFromRow(row) : null;
}

function withoutUndefined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
