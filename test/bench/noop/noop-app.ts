/**
 * The no-op's HTTP front: the three calls the bench makes of the product, answered the way the
 * product answers them and reaching Temporal the same way (update-with-start with the product's
 * start options for a booking, a signal for a payment), minus everything the product does around
 * them (catalog and availability lookups, idempotency keys, the checkout session and its webhook,
 * tokens). Those are the product's own costs; the HTTP and Temporal client costs are paid equally.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { createBookingBodySchema } from '../../../src/api/schemas/booking.schemas';
import { newBookingId } from '../../../src/bookings/booking-id';
import { bookingDetails, bookingSummary } from '../../../src/bookings/workflow-summary';
import {
  BookingResourceIdAttribute,
  BookingStartAttribute,
  BookingStatus,
  BookingStatusAttribute,
  createBookingUpdate,
  paymentSignal,
  type BookingWorkflowInput,
  type ServiceTerms,
} from '../../../workflows/contract';
import type { NoopReadModel } from './noop-activities';

export const NOOP_WORKFLOW_TYPE = 'noopBookingWorkflow';

/** The terms of the bench's product service (`bench-stack.ts`), so the input weighs the same. */
const TERMS: Omit<ServiceTerms, 'id'> = {
  name: 'Bench session',
  durationMinutes: 15,
  priceCents: 2500,
  depositCents: 0,
  currency: 'EUR',
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  paymentWindowMinutes: 30,
  refundWindowHours: 24,
  reminderOffsetsMinutes: [60],
  maxReschedules: 3,
};

export const noopWorkflowId = (bookingId: string): string => `bench-noop-${bookingId}`;

export interface NoopAppDeps {
  temporal: Client;
  taskQueue: string;
  readModel: NoopReadModel;
  publicBaseUrl: string;
}

export function createNoopApp(deps: NoopAppDeps): express.Express {
  const app = express();
  app.use(express.json());

  app.post('/v1/bookings', async (req, res) => {
    const parsed = createBookingBodySchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: { code: 'VALIDATION_FAILED', message: parsed.error.message } });
      return;
    }
    const body = parsed.data;
    const start = new Date(body.start);
    const input: BookingWorkflowInput = {
      bookingId: newBookingId(),
      service: { id: body.serviceId, ...TERMS },
      resource: { id: body.resourceId, name: 'Bench room', timeZone: 'UTC' },
      start: start.toISOString(),
      end: new Date(start.getTime() + TERMS.durationMinutes * 60_000).toISOString(),
      customer: { name: body.customer.name, email: body.customer.email, phone: body.customer.phone ?? null },
      notes: body.notes ?? null,
      publicBaseUrl: deps.publicBaseUrl,
    };
    const startWorkflowOperation = new WithStartWorkflowOperation(NOOP_WORKFLOW_TYPE, {
      workflowId: noopWorkflowId(input.bookingId),
      taskQueue: deps.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: BookingStatusAttribute, value: BookingStatus.PENDING },
        { key: BookingResourceIdAttribute, value: input.resource.id },
        { key: BookingStartAttribute, value: start },
      ],
      staticSummary: bookingSummary(input),
      staticDetails: bookingDetails(input),
    });
    const result = await deps.temporal.workflow.executeUpdateWithStart(createBookingUpdate, {
      updateId: `create-${input.bookingId}`,
      startWorkflowOperation,
    });
    const { history: _history, ...booking } = result.booking;
    res.status(201).location(`/v1/bookings/${input.bookingId}`).json({ booking, accessToken: 'noop', checkoutUrl: result.checkoutUrl });
  });

  app.post('/checkout/:id/pay', async (req, res) => {
    const id = req.params.id;
    await deps.temporal.workflow.getHandle(noopWorkflowId(id)).signal(paymentSignal, {
      eventId: `noop-evt-${id}`,
      kind: 'succeeded',
      provider: 'noop',
      sessionId: id,
      paymentId: `noop-pay-${id}`,
      amountCents: TERMS.priceCents,
      currency: TERMS.currency,
    });
    res.json({ status: 'paid' });
  });

  app.get('/v1/bookings/:id', (req, res) => {
    const status = deps.readModel.get(req.params.id);
    if (!status) {
      res.status(404).json({ error: { code: 'NOT_FOUND', message: 'Booking not found.' } });
      return;
    }
    res.json({ booking: { id: req.params.id, status } });
  });

  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).json({ error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } });
  });
  return app;
}
