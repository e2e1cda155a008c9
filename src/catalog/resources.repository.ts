import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, ResourcesTable } from '../db/schema';
import type { Resource } from './catalog.types';

type Db = Kysely<Database>;

function resourceFromRow(row: Selectable<ResourcesTable>, serviceIds: string[]): Resource {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    weeklyHours: row.weekly_hours,
    dateOverrides: row.date_overrides,
    serviceIds,
    calendarId: row.calendar_id,
    calendlyUserUri: row.calendly_user_uri,
    active: row.active,
  };
}

async function serviceIdsByResource(db: Db, resourceIds: string[]): Promise<Map<string, string[]>> {
  const byResource = new Map<string, string[]>(resourceIds.map((id) => [id, []]));
  if (resourceIds.length === 0) return byResource;
  const links = await db
    .selectFrom('resource_services')
    .select(['resource_id', 'service_id'])
    .where('resource_id', 'in', resourceIds)
    .orderBy('service_id')
    .execute();
  for (const link of links) byResource.get(link.resource_id)?.push(link.service_id);
  return byResource;
}

async function withServiceIds(db: Db, rows: Selectable<ResourcesTable>[]): Promise<Resource[]> {
  const links = await serviceIdsByResource(db, rows.map((r) => r.id));
  return rows.map((row) => resourceFromRow(row, links.get(row.id) ?? []));
}

export async function listActiveResources(db: Db): Promise<Resource[]> {
  return withServiceIds(db, await db.selectFrom('resources').selectAll().where('active', '=', true).orderBy('name').orderBy('id').execute());
}

export async function listAllResources(db: Db): Promise<Resource[]> {
  return withServiceIds(db, await db.selectFrom('resources').selectAll().orderBy('name').orderBy('id').execute());
}

export async function getResource(db: Db, id: string): Promise<Resource | null> {
  const row = await db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [resource] = await withServiceIds(db, [row]);
  return resource ?? null;
}

/** Active resources that offer the service, by name. */
export async function listResourcesOfferingService(db: Db, serviceId: string): Promise<Resource[]> {
  const rows = await db
    .selectFrom('resources')
    .innerJoin('resource_services', 'resource_services.resource_id', 'resources.id')
    .selectAll('resources')
    .where('resource_services.service_id', '=', serviceId)
    .where('resources.active', '=', true)
    .orderBy('resources.name')
    .orderBy('resources.id')
    .execute();
  return withServiceIds(db, rows);
}

async function replaceServiceLinks(trx: Transaction<Database>, resourceId: string, serviceIds: string[]): Promise<void> {
  await trx.deleteFrom('resource_services').where('resource_id', '=', resourceId).execute();
  const unique = [...new Set(serviceIds)];
  if (unique.length > 0) {
    await trx
      .insertInto('resource_services')
      .values(unique.map((serviceId) => ({ resource_id: resourceId, service_id: serviceId })))
      .execute();
  }
}

/** Inserts the resource and its service links in one transaction (an unknown service id fails the FK). */
export async function createResource(db: Db, resource: Resource): Promise<Resource> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('resources')
      .values({
        id: resource.id,
        name: resource.name,
        time_zone: resource.timeZone,
        weekly_hours: JSON.stringify(resource.weeklyHours),
        date_overrides: JSON.stringify(resource.dateOverrides),
        calendar_id: resource.calendarId ?? null,
        calendly_user_uri: resource.calendlyUserUri ?? null,
        active: resource.active,
      })
      .execute();
    await replaceServiceLinks(trx, resource.id, resource.serviceIds);
  });
  const created = await getResource(db, resource.id);
  if (!created) throw new Error(`resource ${resource.id} vanished after insert`);
  return created;
}

export type ResourcePatch = Partial<Omit<Resource, 'id'>>;

/** Applies the given fields only (serviceIds replaces the links); returns null when there is no such resource. */
export async function updateResource(db: Db, id: string, patch: ResourcePatch): Promise<Resource | null> {
  const found = await db.transaction().execute(async (trx) => {
    const columns = Object.fromEntries(
      Object.entries({
        name: patch.name,
        time_zone: patch.timeZone,
        weekly_hours: patch.weeklyHours === undefined ? undefined : JSON.stringify(patch.weeklyHours),
        date_overrides: patch.dateOverrides === undefined ? undefined : JSON.stringify(patch.dateOverrides),
        calendar_id: patch.calendarId,
        calendly_user_uri: patch.calendlyUserUri,
        active: patch.active,
      }).filter(([, v]) => v !== undefined),
    );
    const updated = await trx
      .updateTable('resources')
      .set({ ...columns, updated_at: new Date() })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    if (!updated) return false;
    if (patch.serviceIds !== undefined) await replaceServiceLinks(trx, id, patch.serviceIds);
    return true;
  });
  return found ? getResource(db, id) : null;
}
