/** What the catalog refuses, as typed errors; src/api maps them to HTTP answers. */

/** No such service, or an inactive one where only bookable services count. */
export class ServiceNotFoundError extends Error {
  override readonly name = 'ServiceNotFoundError';
  constructor(readonly serviceId: string) {
    super('Service not found.');
  }
}

/** No such resource, or an inactive one (or, for availability, one that does not offer the service). */
export class ResourceNotFoundError extends Error {
  override readonly name = 'ResourceNotFoundError';
  constructor(readonly resourceId: string) {
    super('Resource not found.');
  }
}
