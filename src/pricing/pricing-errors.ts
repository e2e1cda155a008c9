/** What pricing refuses, as typed errors; src/api maps them to HTTP answers. */

/** A booking or availability request for a duration the service has no price for. */
export class DurationNotOfferedError extends Error {
  override readonly name = 'DurationNotOfferedError';
  constructor(
    readonly durationMinutes: number,
    readonly offeredDurations: number[],
  ) {
    super(`The service is not offered for ${durationMinutes} minutes; it is offered for ${offeredDurations.join(', ')} minutes.`);
  }
}
