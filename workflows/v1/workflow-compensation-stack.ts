import { CancellationScope, log } from '@temporalio/workflow';
import { CompensationStack } from './compensation-stack';

/** The saga stack as the workflow uses it: unwinds even when the workflow is being cancelled. */
export function workflowCompensationStack(): CompensationStack {
  return new CompensationStack({
    protect: (fn) => CancellationScope.nonCancellable(fn),
    onUndoFailed: ({ name, error }) =>
      log.error('Compensation failed; continuing with the next one', {
        compensation: name,
        error: error instanceof Error ? error.message : String(error),
      }),
  });
}
