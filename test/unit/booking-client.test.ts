/** How the API starts and talks to booking workflows: the exact start options, checked against a recording client. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkflowNotFoundError, type Client, type WithStartWorkflowOperation } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { BookingClient } from '../../src/bookings/booking-client';
import { bookingSummary } from '../../src/bookings/workflow-summary';
import type { Database } from '../../src/db/schema';
import { createLogger } from '../../src/logging/logger';
import type { BookingState, BookingWorkflowInput } from '../../workflows/contract';

const input: BookingWorkflowInput = {
  bookingId: 'bk_abcdefghijklmnopqrst',
  service: {
    id: 'consultation',
    name: 'Consultation',
    durationMinutes: 30,
    priceCents: 7500,
    depositCents: 0,
    currency: 'EUR',
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    paymentWindowMinutes: 30,
    refundWindowHours: 24,
    reminderOffsetsMinutes: [1440],
    maxReschedules: 3,
  },
  resource: { id: 'alex', name: 'Alex', timeZone: 'Europe/Berlin' },
  start: '2026-12-01T09:00:00.000Z',
  end: '2026-12-01T09:30:00.000Z',
  customer: { name: 'Jane Doe', email: 'jane@example.com', phone: null },
  notes: null,
  publicBaseUrl: 'http://localhost:3000',
};

const state: BookingState = {
  id: input.bookingId,
  status: 'AWAITING_PAYMENT',
  serviceId: 'consultation',
  resourceId: 'alex',
  start: input.start,
  end: input.end,
  customer: input.customer,
  notes: null,
  payment: {
    status: 'PENDING',
    amountCents: 7500,
    priceCents: 7500,
    depositCents: 0,
    currency: 'EUR',
    refundedCents: 0,
    provider: 'local',
    sessionId: 'lcs_1',
    checkoutUrl: 'http://x/local-checkout/lcs_1',
    clientSecret: null,
    paymentId: null,
    failedAttempts: 0,
  },
  history: [{ status: 'PENDING', event: 'created', at: '2026-11-20T10:00:00.000Z', actor: 'customer' }],
  revision: 0,
  holdAttempts: 1,
  holdKey: 'bk_abcdefghijklmnopqrst:hold:1',
  refundableUntil: '2026-11-30T09:00:00.000Z',
  calendarEventId: null,
  cancellationReason: null,
  pendingUndos: [],
  attention: [],
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
};

interface Recorded {
  updateWithStart?: { updateId?: string; startWorkflowOperation: WithStartWorkflowOperation<never> };
  update?: { workflowId: string; name: string; updateId?: string };
  started?: { type: string; options: Record<string, unknown> };
}

/** A Temporal client that records what the booking client asks of it. Signals fail as for a closed workflow. */
function recordingClient(recorded: Recorded): Client {
  const fake = {
    workflow: {
      executeUpdateWithStart: async (_def: unknown, options: Recorded['updateWithStart']) => {
        recorded.updateWithStart = options;
        return { booking: state, checkoutUrl: state.payment.checkoutUrl };
      },
      start: async (type: string, options: Record<string, unknown>) => {
        recorded.started = { type, options };
      },
      getHandle: (workflowId: string) => ({
        signal: async () => {
          throw new WorkflowNotFoundError('workflow execution already completed', workflowId, undefined);
        },
        executeUpdate: async (def: { name: string }, options: { updateId?: string }) => {
          recorded.update = { workflowId, name: def.name, updateId: options.updateId };
          return { booking: state, checkoutUrl: state.payment.checkoutUrl, clientSecret: null };
        },
      }),
    },
  };
  return fake as unknown as Client;
}

const bookingClient = (recorded: Recorded) =>
  new BookingClient({
    temporal: recordingClient(recorded),
    db: {} as Kysely<Database>,
    config: { TEMPORAL_TASK_QUEUE: 'bookings-q' },
    logger: createLogger('error'),
  });

describe('starting a booking workflow', () => {
  it('uses update-with-start on the id derived from the booking, never restarting a closed one', async () => {
    const recorded: Recorded = {};
    const created = await bookingClient(recorded).createBooking(input);

    assert.equal(created.checkoutUrl, 'http://x/local-checkout/lcs_1');
    assert.equal(created.booking.status, 'AWAITING_PAYMENT');
    const call = recorded.updateWithStart;
    assert.ok(call);
    assert.equal(call.updateId, 'create-bk_abcdefghijklmnopqrst');
    const { workflowTypeOrFunc, options } = call.startWorkflowOperation;
    assert.equal(workflowTypeOrFunc, 'bookingWorkflow');
    assert.equal(options.workflowId, 'booking-bk_abcdefghijklmnopqrst');
    assert.equal(options.taskQueue, 'bookings-q');
    assert.equal(options.workflowIdConflictPolicy, 'USE_EXISTING');
    assert.equal(options.workflowIdReusePolicy, 'REJECT_DUPLICATE');
    assert.deepEqual(options.args, [input]);
    assert.deepEqual(options.typedSearchAttributes, [
      { key: { name: 'BookingStatus', type: 'KEYWORD' }, value: 'PENDING' },
      { key: { name: 'BookingResourceId', type: 'KEYWORD' }, value: 'alex' },
      { key: { name: 'BookingStart', type: 'DATETIME' }, value: new Date('2026-12-01T09:00:00.000Z') },
    ]);
    assert.equal(options.staticSummary, 'Consultation with Alex — 2026-12-01 10:00 Europe/Berlin — jane@example.com');
    assert.match(String(options.staticDetails), /\*\*Customer:\*\* Jane Doe <jane@example.com>/);
  });

  it('lets a repeated request wait for the first one’s create update by its id, without a start', async () => {
    const recorded: Recorded = {};
    const outcome = await bookingClient(recorded).awaitCreation(input.bookingId);
    assert.deepEqual(recorded.update, { workflowId: 'booking-bk_abcdefghijklmnopqrst', name: 'createBooking', updateId: 'create-bk_abcdefghijklmnopqrst' });
    assert.equal(recorded.updateWithStart, undefined);
    assert.equal(outcome?.checkoutUrl, 'http://x/local-checkout/lcs_1');
  });

  it('writes the one-line summary in the resource’s time zone, across a daylight-saving change', () => {
    assert.equal(bookingSummary({ ...input, start: '2026-07-01T08:00:00.000Z' }), 'Consultation with Alex — 2026-07-01 10:00 Europe/Berlin — jane@example.com');
  });
});
