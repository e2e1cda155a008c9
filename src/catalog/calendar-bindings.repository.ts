/** Issue 7: which calendar and which Calendly identities the catalog binds to its services and resources. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Resource, Service } from './catalog.types';
import { getResource } from './resources.repository';
import { serviceFromRow } from './services.repository';

type Db = Kysely<Database>;

/** The calendar a resource names (a Google calendar id or a CalDAV calendar URL); null for the local calendar or an unknown resource. */
export async function resourceCalendarId(db: Db, resourceId: string): Promise<string | null> {
  const row = await db.selectFrom('resources').select('calendar_id').where('id', '=', resourceId).executeTakeFirst();
  return row?.calendar_id ?? null;
}

/** The service a Calendly event type books, or null when none is bound to it. */
export async function findServiceByCalendlyEventType(db: Db, eventTypeUri: string): Promise<Service | null> {
  const row = await db.selectFrom('services').selectAll().where('calendly_event_type_uri', '=', eventTypeUri).executeTakeFirst();
  return row ? serviceFromRow(row) : null;
}

/** The resource a Calendly user is, or null when none is bound to it. */
export async function findResourceByCalendlyUser(db: Db, userUri: string): Promise<Resource | null> {
  const row = await db.selectFrom('resources').select('id').where('calendly_user_uri', '=', userUri).executeTakeFirst();
  return row ? getResource(db, row.id) : null;
}
