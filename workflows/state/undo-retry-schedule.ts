/**
 * When a failed undo (a refund, a hold release) is tried again: 5 s after the first failure, doubling,
 * at most every 10 minutes, forever. Forever, because giving up would keep a customer's money or block
 * a slot for good; the booking shows the failing undo to operators meanwhile.
 */
const FIRST_RETRY_MS = 5_000;
const LONGEST_WAIT_MS = 10 * 60_000;

export function undoRetryDelayMs(failedAttempts: number): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(LONGEST_WAIT_MS, FIRST_RETRY_MS * 2 ** Math.min(exponent, 20));
}
