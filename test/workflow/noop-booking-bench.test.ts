import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { testEnv } from '../support/test-env';
import { countEventTypes } from '../bench/event-shape';
import { noopWorkflowId } from '../bench/noop/noop-app';
import { startNoopService, type NoopService } from '../bench/noop/noop-service';

/** Run with `npx tsx test/support/run-tests.ts test/bench/noop/noop-booking.test.ts` (needs the dev server). */
describe('the bench no-op booking', () => {
  let noop: NoopService;
  before(async () => {
    noop = await startNoopService({ address: testEnv().temporalAddress, namespace: 'default', taskQueue: `bench-noop-test-${Date.now()}` });
  });
  after(() => noop?.stop());

  it('is booked, paid and confirmed over HTTP like the product, then completes', async () => {
    const created = await fetch(`${noop.baseUrl}/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 'svc_x', resourceId: 'res_x', start: '2030-01-02T10:00:00.000Z', customer: { name: 'Ann', email: 'ann@example.com' } }),
    });
    assert.equal(created.status, 201);
    const body = (await created.json()) as { booking: { id: string; status: string }; checkoutUrl: string };
    assert.equal(body.booking.status, 'AWAITING_PAYMENT');
    assert.equal(body.checkoutUrl, `${noop.baseUrl}/checkout/${body.booking.id}`);

    const paid = await fetch(`${body.checkoutUrl}/pay`, { method: 'POST' });
    assert.equal(paid.status, 200);
    const handle = noop.temporal.workflow.getHandle(noopWorkflowId(body.booking.id));
    assert.equal(await handle.result(), 'CONFIRMED');

    const read = (await (await fetch(`${noop.baseUrl}/v1/bookings/${body.booking.id}`)).json()) as { booking: { status: string } };
    assert.equal(read.booking.status, 'CONFIRMED');
    const shape = countEventTypes(historyToJSON(await handle.fetchHistory()));
    // Record "created", hold, payment session, record "payment requested", record "paid", confirm hold;
    // then the calendar event and the confirmation as activities.
    assert.equal(shape['MARKER_RECORDED:core_local_activity'], 6);
    assert.equal(shape.ACTIVITY_TASK_SCHEDULED, 2);
    assert.equal(shape.WORKFLOW_EXECUTION_UPDATE_ACCEPTED, 1);
    assert.equal(shape.WORKFLOW_EXECUTION_SIGNALED, 1);
  });

  it('refuses to move: cancel, reschedule and no-show are registered but not part of the bench', async () => {
    const created = await fetch(`${noop.baseUrl}/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 'svc_x', resourceId: 'res_x', start: '2030-01-02T11:00:00.000Z', customer: { name: 'Bo', email: 'bo@example.com' } }),
    });
    const { booking } = (await created.json()) as { booking: { id: string } };
    const handle = noop.temporal.workflow.getHandle(noopWorkflowId(booking.id));
    await assert.rejects(handle.executeUpdate('cancelBooking', { args: [{ reason: null, actor: 'customer', refund: 'policy' }] }), (error: Error) => {
      assert.match(String((error.cause as Error | undefined)?.message), /cannot move/);
      return true;
    });
    await handle.terminate('test done');
  });
});
