/**
 * The benchmark's yardstick: a booking workflow of the same event shape as the product's, doing no
 * work. It registers the contract's update, signal and query names, answers `createBooking` after
 * the same local-activity steps as the real booking path up to its answer (record "created", hold,
 * payment session, record "payment requested"), waits for the payment signal, records "paid",
 * "confirms" with the same steps as the real confirm (confirm hold and record locally, then the
 * calendar event and the confirmation as regular activities) and completes. Every activity is a
 * no-op (`noop-activities.ts`), so what this workflow costs is what Temporal, the SDK and the HTTP
 * layer cost for a booking: the floor the product is measured against.
 *
 * Keep the steps in step with `workflows/`: the bench prints both histories' event counts so a
 * drift shows.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  type RetryPolicy,
} from '@temporalio/workflow';
import {
  BookingEvent,
  BookingResourceIdAttribute,
  BookingStartAttribute,
  BookingStatus,
  BookingStatusAttribute,
  MessageStep,
  NotificationKind,
  PaymentStatus,
  calendarEventKey,
  cancelBookingUpdate,
  createBookingUpdate,
  getBookingQuery,
  holdKey,
  markNoShowUpdate,
  paymentSessionKey,
  paymentSignal,
  rescheduleBookingUpdate,
  type Actor,
  type BookingSnapshot,
  type BookingState,
  type BookingWorkflowInput,
} from '../../../workflows/contract';
import type { NoopActivities } from './noop-activities';
import { initialNoopState, moveNoopState } from './noop-state';

// The product's options: the same retry shape and timeouts, so the SDK schedules them the same way.
const retry: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 10 };
const local = proxyLocalActivities<NoopActivities>({ startToCloseTimeout: '15 seconds', retry: { ...retry, maximumAttempts: 5 } });
const remote = proxyActivities<NoopActivities>({ startToCloseTimeout: '30 seconds', retry });

export async function noopBookingWorkflow(input: BookingWorkflowInput): Promise<BookingStatus> {
  let state = initialNoopState(input, new Date().toISOString());
  let answered = false;
  let paid = false;

  const publish = (): void => {
    upsertSearchAttributes([
      { key: BookingStatusAttribute, value: state.status },
      { key: BookingResourceIdAttribute, value: state.resourceId },
      { key: BookingStartAttribute, value: new Date(state.start) },
    ]);
    setCurrentDetails(`**Bench no-op booking** \`${state.id}\`: ${state.status}`);
  };
  const move = async (status: BookingStatus, event: BookingEvent, actor: Actor, changes: Partial<BookingState> = {}) => {
    const moved = moveNoopState(state, status, event, actor, new Date().toISOString(), changes);
    state = moved.state;
    publish();
    await local.recordTransition({ booking: state, entry: moved.entry, seq: moved.seq });
  };

  setHandler(getBookingQuery, () => state);
  setHandler(createBookingUpdate, async () => {
    await condition(() => answered);
    return { booking: state, checkoutUrl: state.payment.checkoutUrl, clientSecret: null };
  });
  setHandler(paymentSignal, async (signal) => {
    await condition(() => answered);
    if (paid) return;
    paid = true;
    await move(BookingStatus.CONFIRMED, BookingEvent.PAID, 'customer', {
      payment: { ...state.payment, status: PaymentStatus.PAID, provider: signal.provider, paymentId: signal.paymentId },
    });
  });
  // Registered so the workflow answers the same names as the product's; the bench never sends them.
  const notInBench = (): void => {
    throw ApplicationFailure.create({ type: 'INVALID_TRANSITION', message: 'the bench no-op booking cannot move', nonRetryable: true });
  };
  const snapshot = (): BookingSnapshot => {
    const { history: _history, ...rest } = state;
    return rest;
  };
  setHandler(cancelBookingUpdate, async (_input) => snapshot(), { validator: (_input) => notInBench() });
  setHandler(rescheduleBookingUpdate, async (_input) => snapshot(), { validator: (_input) => notInBench() });
  setHandler(markNoShowUpdate, async (_input) => snapshot(), { validator: (_input) => notInBench() });

  publish();
  await local.recordTransition({ booking: state, entry: state.history[0]!, seq: 0 });
  const key = holdKey(state.id, 1);
  await local.holdSlot({
    bookingId: state.id,
    holdKey: key,
    resourceId: state.resourceId,
    start: state.start,
    end: state.end,
    bufferBeforeMinutes: input.service.bufferBeforeMinutes,
    bufferAfterMinutes: input.service.bufferAfterMinutes,
  });
  const deadline = Date.parse(state.createdAt) + input.service.paymentWindowMinutes * 60_000;
  const session = await local.createPaymentSession({
    bookingId: state.id,
    idempotencyKey: paymentSessionKey(state.id),
    amountCents: state.payment.amountCents,
    currency: state.payment.currency,
    description: `${input.service.name} with ${input.resource.name}`,
    customerEmail: state.customer.email,
    expiresAt: new Date(deadline).toISOString(),
  });
  await move(BookingStatus.AWAITING_PAYMENT, BookingEvent.PAYMENT_REQUESTED, 'system', {
    holdKey: key,
    holdAttempts: 1,
    payment: { ...state.payment, provider: session.provider, sessionId: session.sessionId, checkoutUrl: session.checkoutUrl },
  });
  answered = true;

  // Bounded like the product: unpaid by the deadline, the booking ends without confirming.
  if (!(await condition(() => state.status === BookingStatus.CONFIRMED, Math.max(1, deadline - Date.now())))) {
    await move(BookingStatus.EXPIRED, BookingEvent.PAYMENT_DEADLINE_PASSED, 'system');
    return state.status;
  }
  await local.confirmHold({ bookingId: state.id, holdKey: key });
  const event = await remote.createCalendarEvent({
    bookingId: state.id,
    idempotencyKey: calendarEventKey(state.id),
    resourceId: state.resourceId,
    start: state.start,
    end: state.end,
    summary: `${input.service.name}: ${state.customer.name}`,
    description: state.notes ?? '',
    attendeeEmail: state.customer.email,
    attendeeName: state.customer.name,
    timeZone: input.resource.timeZone,
  });
  state = { ...state, calendarEventId: event.eventId };
  await remote.sendNotification({
    bookingId: state.id,
    kind: NotificationKind.CONFIRMATION,
    key: MessageStep.confirmation(),
    revision: state.revision,
    customer: state.customer,
    serviceName: input.service.name,
    resourceName: input.resource.name,
    timeZone: input.resource.timeZone,
    start: state.start,
    end: state.end,
    amountCents: state.payment.amountCents,
    currency: state.payment.currency,
    publicBaseUrl: input.publicBaseUrl,
  });
  await condition(allHandlersFinished);
  return state.status;
}
