import type { FailureType } from '../../workflows/contract';

/**
 * Whether a Temporal client error carries this failure type somewhere in its cause chain (an update
 * or start that the workflow refused with an ApplicationFailure of that `type`).
 */
export function isTemporalFailure(error: unknown, type: FailureType): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 10; depth++) {
    if ((current as { type?: unknown }).type === type) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
