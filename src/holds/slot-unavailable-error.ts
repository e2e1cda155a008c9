/** The database refused a hold because another booking holds overlapping time on the resource. */
export class SlotUnavailableError extends Error {
  constructor(
    readonly resourceId: string,
    readonly start: string,
    readonly end: string,
  ) {
    super(`resource ${resourceId} is not free from ${start} to ${end}`);
    this.name = 'SlotUnavailableError';
  }
}
