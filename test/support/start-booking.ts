import { WithStartWorkflowOperation, type Client, type WorkflowHandle } from '@temporalio/client';
import type { bookingWorkflow } from '../../workflows';
import { BOOKING_WORKFLOW_TYPE, bookingWorkflowId, createBookingUpdate, type BookingWorkflowInput, type CreateBookingResult } from '../../workflows/contract';

export type BookingHandle = WorkflowHandle<typeof bookingWorkflow>;

/**
 * Starts a booking as the API does (update-with-start on the id derived from the booking, reaching
 * a running one on a repeat) and waits for its hold: the workflow tests' and the history recorder's one way in.
 */
export async function startBooking(client: Client, taskQueue: string, input: BookingWorkflowInput): Promise<{ result: CreateBookingResult; handle: BookingHandle }> {
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof bookingWorkflow>(BOOKING_WORKFLOW_TYPE, {
    workflowId: bookingWorkflowId(input.bookingId),
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  const result = await client.workflow.executeUpdateWithStart(createBookingUpdate, { startWorkflowOperation });
  return { result, handle: await startWorkflowOperation.workflowHandle() };
}
