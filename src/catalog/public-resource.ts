import type { Resource } from './catalog.types';

/**
 * A resource as anyone may see it: without its calendar binding, which can be a person's address or a
 * private CalDAV URL. Admin answers keep it.
 */
export function publicResource(resource: Resource): Omit<Resource, 'calendarId'> {
  const { calendarId, ...visible } = resource;
  void calendarId;
  return visible;
}
