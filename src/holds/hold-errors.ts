/** The database refused a hold because another booking holds overlapping time on the resource. */
export class SlotUnavailableError extends Error {
  override readonly name = 'SlotUnavailableError';
  constructor(
    readonly resourceId: string,
    readonly start: string,
    readonly end: string,
  ) {
    super(`resource ${resourceId} is not free from ${start} to ${end}`);
  }
}

/** A hold key already names a different hold (another booking, resource or time, or one released). */
export class HoldKeyConflictError extends Error {
  override readonly name = 'HoldKeyConflictError';
  constructor(readonly holdKey: string, why: string) {
    super(`hold key ${holdKey} already names another hold: ${why}`);
  }
}

/** A hold to confirm is released, absent or another booking's: confirming it would book nothing. */
export class HoldNotLiveError extends Error {
  override readonly name = 'HoldNotLiveError';
  constructor(readonly holdKey: string) {
    super(`hold ${holdKey} is not live (released, absent or another booking's)`);
  }
}
