import assert from 'node:assert/strict';
import { localId } from '../../../src/providers/payments/local/local-ids';
import { markLocalSessionPaid } from '../../../src/providers/payments/local/local-payment-sessions.repository';
import type { LocalWebhookEvent } from '../../../src/providers/payments/local/local-webhook-event';
import { LOCAL_SIGNATURE_HEADER, signLocalWebhook } from '../../../src/providers/payments/local/local-webhook-signature';
import { bookingRequest, bookOk, eventually, offeredSlots, waitForStatus } from '../../support/booking-api';
import { http } from '../../support/http';
import { isConfirmation, refundsOf, sentMessageCounts, workflowState } from '../support/fault-probes';
import type { FaultStory } from '../support/fault-story';

const DELIVERIES = 10;

/** Story 5: the payment provider delivers one payment's webhook ten times at once. */
export const webhookDeliveredTenTimes: FaultStory = {
  situation: 'one payment webhook delivered ten times at once',
  outcome: 'applies the payment once: one paid entry, one confirmation, no refund',
  timeoutMs: 120_000,
  async run(app) {
    const { service, resource } = await app.createServiceAndResource();
    const [slot] = await offeredSlots(app, service.id, resource.id);
    assert.ok(slot);
    const { id, token, checkoutUrl } = await bookOk(app, bookingRequest(service.id, resource.id, slot.start));
    const sessionId = new URL(checkoutUrl ?? assert.fail('a paid service has a checkout URL')).pathname.split('/').pop() ?? '';

    // The customer paid at the provider (as /pay records it); the provider then sends its event, as
    // an at-least-once sender does after timeouts: the same signed body, many times, all at once.
    const session = await markLocalSessionPaid(app.db, sessionId, localId('lpay'), new Date());
    assert.ok(session?.payment_id, `checkout ${sessionId} could be paid`);
    const event: LocalWebhookEvent = {
      id: localId('evt'),
      type: 'payment.succeeded',
      created: Math.floor(Date.now() / 1000),
      data: { sessionId, bookingId: id, paymentId: session.payment_id, amountCents: session.amount_cents, currency: session.currency },
    };
    const body = JSON.stringify(event);
    const headers = { 'content-type': 'application/json', [LOCAL_SIGNATURE_HEADER]: signLocalWebhook(app.webhookSecret, body, Math.floor(Date.now() / 1000)) };
    const answers = await Promise.all(Array.from({ length: DELIVERIES }, () => http(app.baseUrl, '/v1/webhooks/local', { rawBody: body, headers })));
    for (const a of answers) assert.equal(a.status, 200, JSON.stringify(a.body));

    await waitForStatus(app, id, token, 'CONFIRMED', 60_000);
    // Wait for the whole confirmation to have run, so a second application would have shown by now.
    const sent = await eventually('the confirmation on both channels', async () => {
      const counts = await sentMessageCounts(app.db, id);
      return counts.filter((m) => isConfirmation(m.kind)).length === 2 ? counts : null;
    }, 60_000);
    for (const m of sent) assert.equal(m.count, 1, `${m.kind} by ${m.channel} sent ${m.count} times`);

    const state = await workflowState(app, id);
    assert.equal(state.status, 'CONFIRMED');
    assert.equal(state.payment.status, 'PAID');
    assert.equal(state.payment.paymentId, session.payment_id);
    assert.equal(state.payment.refundedCents, 0);
    assert.equal(state.history.filter((h) => h.event === 'paid').length, 1, JSON.stringify(state.history));
    assert.equal(state.history.filter((h) => h.status === 'CONFIRMED').length, 1, 'confirmed once');
    assert.deepEqual(await refundsOf(app.db, id), [], 'nothing refunded');
    const recorded = await app.db.selectFrom('webhook_events').select('event_id').where('event_id', '=', event.id).execute();
    assert.equal(recorded.length, 1, 'the event is recorded once');
    app.assertProcessesAlive();
  },
};
