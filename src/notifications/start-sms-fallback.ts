import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { SMS_FALLBACK_WORKFLOW_TYPE, type SmsFallbackInput, smsFallbackWorkflowId } from '../../workflows/contract';

/**
 * Starts the SMS fallback of one notification, at most once ever: the workflow id is the
 * notification's, a running one is reused and a finished one is not started again.
 */
export async function startSmsFallback(temporal: Client, taskQueue: string, input: SmsFallbackInput): Promise<'started' | 'already-started'> {
  try {
    await temporal.workflow.start(SMS_FALLBACK_WORKFLOW_TYPE, {
      workflowId: smsFallbackWorkflowId(input.notificationId),
      taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      staticSummary: `Email fallback for undelivered SMS ${input.notificationId}`,
    });
    return 'started';
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return 'already-started';
    throw error;
  }
}
