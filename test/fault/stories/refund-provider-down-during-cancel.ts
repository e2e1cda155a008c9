import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bookingWorkflowId } from '../../../workflows/contract';
import { bearer, bookAndPay, bookingRequest, eventually, offeredSlots } from '../../support/booking-api';
import { http } from '../../support/http';
import { refundsOf, workflowState } from '../support/fault-probes';
import type { FaultStory } from '../support/fault-story';

/** Long enough for the activity's own retries to run out and the workflow's timer to retry the undo at least once. */
const FAILING_VISIBLE_WITHIN_MS = 150_000;
const RETRIED_WITHIN_MS = 60_000;
const RECOVERED_WITHIN_MS = 90_000;

const outageFile = (scratchDir: string) => join(scratchDir, 'refunds-down');
const attemptsFile = (scratchDir: string) => join(scratchDir, 'refused-refunds.log');

async function refusedAttempts(scratchDir: string): Promise<number> {
  return (await readFile(attemptsFile(scratchDir), 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
}

/** Story 6: the payment provider refuses every refund while a booking is cancelled, then comes back. */
export const refundProviderDownDuringCancel: FaultStory = {
  situation: 'the payment provider refusing refunds during a cancellation',
  outcome: 'keeps retrying the refund where an operator sees it, and refunds once when the provider is back',
  timeoutMs: 360_000,
  app: (scratchDir) => ({
    workerEntry: 'test/fault/support/faulty-worker.ts',
    workerEnv: { FAULT_REFUND_OUTAGE_FILE: outageFile(scratchDir), FAULT_REFUND_ATTEMPTS_FILE: attemptsFile(scratchDir) },
  }),
  async run(app, _servers, scratchDir) {
    const { service, resource } = await app.createServiceAndResource({ service: { refundWindowHours: 24 } });
    const [slot] = await offeredSlots(app, service.id, resource.id);
    assert.ok(slot);
    const { id, token } = await bookAndPay(app, bookingRequest(service.id, resource.id, slot.start));

    await writeFile(outageFile(scratchDir), 'refunds are down\n');
    // Not awaited yet: whether the answer comes before or after the refund, the story goes on meanwhile.
    const cancelled = http(app.baseUrl, `/v1/bookings/${id}/cancel`, { body: { reason: 'Cannot make it' }, headers: bearer(token) }).catch(
      (error: unknown) => new Error(`the cancellation got no answer: ${String(error)}`),
    );

    const failing = await eventually('the failing refund to show on the booking', async () => {
      const state = await workflowState(app, id);
      const owed = state.pendingUndos.some((u) => u.name === 'refund');
      return owed && state.attention.includes('compensation-failing') && state.payment.status === 'REFUND_PENDING' ? state : null;
    }, FAILING_VISIBLE_WITHIN_MS);
    assert.equal(failing.payment.refundedCents, 0, 'a refund that failed is not counted as done');
    assert.deepEqual(await refundsOf(app.db, id), []);
    const flagged = await eventually('the booking to be listed for operators', async () => {
      const query = `WorkflowId = "${bookingWorkflowId(id)}" AND BookingAttention = "compensation-failing"`;
      for await (const wf of app.client.workflow.list({ query })) return wf.workflowId;
      return null;
    });
    assert.equal(flagged, bookingWorkflowId(id));

    const refusedSoFar = await refusedAttempts(scratchDir);
    assert.ok(refusedSoFar > 0);
    await eventually('the refund to be tried again', async () => (await refusedAttempts(scratchDir)) > refusedSoFar, RETRIED_WITHIN_MS);

    await rm(outageFile(scratchDir));
    const recovered = await eventually('the refund to go through', async () => {
      const state = await workflowState(app, id);
      return state.payment.status === 'REFUNDED' && state.pendingUndos.length === 0 && state.attention.length === 0 ? state : null;
    }, RECOVERED_WITHIN_MS);
    assert.equal(recovered.status, 'CANCELLED');
    assert.equal(recovered.payment.refundedCents, 7500);
    assert.deepEqual((await refundsOf(app.db, id)).map((r) => r.amountCents), [7500], 'refunded exactly once');

    const answer = await cancelled;
    if (answer instanceof Error) throw answer;
    assert.equal(answer.status, 200, `the cancellation itself is accepted: ${JSON.stringify(answer.body)}`);
    app.assertProcessesAlive();
  },
};
