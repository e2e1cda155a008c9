import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { CustomersTable, Database } from '../db/schema';

type Db = Kysely<Database>;

export interface CustomerRecord {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  bookingCount: number;
  noShowCount: number;
}

export interface CustomerCounts {
  bookings?: number;
  noShows?: number;
}

/**
 * Creates or refreshes the customer with this email (compared lower-cased) and adds to its counters.
 * One statement, so concurrent bookings by the same customer never lose an increment.
 */
export async function upsertCustomer(
  db: Db,
  customer: { name: string; email: string; phone: string | null },
  add: CustomerCounts = {},
): Promise<CustomerRecord> {
  const bookings = add.bookings ?? 0;
  const noShows = add.noShows ?? 0;
  const row = await db
    .insertInto('customers')
    .values({
      id: `cus_${randomUUID()}`,
      email: customer.email.trim().toLowerCase(),
      name: customer.name,
      phone: customer.phone,
      booking_count: bookings,
      no_show_count: noShows,
    })
    .onConflict((oc) =>
      oc.column('email').doUpdateSet({
        name: (eb) => eb.ref('excluded.name'),
        // A booking made without a phone number must not erase the one we have.
        phone: sql`coalesce(excluded.phone, customers.phone)`,
        booking_count: sql`customers.booking_count + ${bookings}`,
        no_show_count: sql`customers.no_show_count + ${noShows}`,
        updated_at: new Date(),
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCustomerRecord(row);
}

export async function getCustomerByEmail(db: Db, email: string): Promise<CustomerRecord | null> {
  const row = await db.selectFrom('customers').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row ? toCustomerRecord(row) : null;
}

function toCustomerRecord(row: Selectable<CustomersTable>): CustomerRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    phone: row.phone,
    bookingCount: row.booking_count,
    noShowCount: row.no_show_count,
  };
}
