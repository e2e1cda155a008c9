import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Config } from '../config/config.schema';
import type { Database } from '../db/schema';
import type { Logger } from '../logging/logger';
import { BookingStatus, BOOKING_WORKFLOW_TYPE, BookingResourceIdAttribute, BookingStartAttribute, BookingStatusAttribute, LATE_PAYMENT_WORKFLOW_TYPE, CLOSED_BOOKING_REFUND_FAILED_WORKFLOW_TYPE, bookingWorkflowId, closedBookingRefundFailedWorkflowId, cancelBookingUpdate, createBookingUpdate, getBookingQuery, latePaymentWorkflowId, markNoShowUpdate, paymentSignal, rescheduleBookingUpdate, type BookingSnapshot, type BookingState, type BookingWorkflowInput, type CancelBookingInput, type CreateBookingResult, type LatePaymentRefundInput, type ClosedBookingRefundFailedInput, type MarkNoShowInput, type PaymentSignal, type RescheduleBookingInput } from '../../workflows/contract';
import { getBooking as getBookingRecord } from './bookings.repository';
import { BookingClosedError, BookingNotFoundError, SlotUnavailableError } from './booking-errors';
import { adminBookingViewFromRecord, adminBookingViewFromState, bookingViewFromRecord, bookingViewFromState, type AdminBookingView, type BookingView } from './booking-view';
import { bookingDetails, bookingSummary } from './workflow-summary';

export interface BookingClientDeps {
  temporal: Client;
  db: Kysely<Database>;
  config: Pick<Config, 'TEMPORAL_TASK_QUEUE'>;
  logger: Logger;
}

export interface CreatedBooking {
  booking: BookingView;
  checkoutUrl: string | null;
  /** Issue 6: in `elements` mode, the PaymentIntent's client secret the frontend confirms (instead of a checkout URL). */
  clientSecret?: string | null;
}

export type PaymentDelivery = 'signalled' | 'late-refund-started' | 'refund-remake-started' | 'ignored';

/**
 * The API's one door to the booking workflows. It throws the booking domain's errors
 * (booking-errors.ts); Temporal errors the error middleware knows (update failures with a failure
 * type, an unreachable server) pass through unchanged.
 */
export class BookingClient {
  constructor(private readonly deps: BookingClientDeps) {}

  private handle(bookingId: string): WorkflowHandle {
    return this.deps.temporal.workflow.getHandle(bookingWorkflowId(bookingId));
  }

  /** The create update's id: a repeat reaches the same update, and Temporal answers it with the first outcome. */
  private static createUpdateId(bookingId: string): string {
    return `create-${bookingId}`;
  }

  /**
   * Starts the booking and waits for its hold in one round trip (update-with-start). Used only for a
   * booking the read model does not know yet (create-booking.ts): a repeat for a running booking
   * reaches the same update (same update id); one for a closed booking answers from its state.
   */
  async createBooking(input: BookingWorkflowInput): Promise<CreatedBooking> {
    const startWorkflowOperation = new WithStartWorkflowOperation(BOOKING_WORKFLOW_TYPE, {
      workflowId: bookingWorkflowId(input.bookingId),
      taskQueue: this.deps.config.TEMPORAL_TASK_QUEUE,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      // A booking id is used once: a closed booking is never restarted by a late repeat.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: BookingStatusAttribute, value: BookingStatus.PENDING },
        { key: BookingResourceIdAttribute, value: input.resource.id },
        { key: BookingStartAttribute, value: new Date(input.start) },
      ],
      staticSummary: bookingSummary(input),
      staticDetails: bookingDetails(input),
    });
    let result: CreateBookingResult;
    try {
      result = await this.deps.temporal.workflow.executeUpdateWithStart(createBookingUpdate, {
        updateId: BookingClient.createUpdateId(input.bookingId),
        startWorkflowOperation,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      const booking = await this.getBooking(input.bookingId);
      if (booking.status === BookingStatus.REJECTED) throw new SlotUnavailableError();
      // A closed booking has nothing left to pay.
      return { booking, checkoutUrl: null };
    }
    return { booking: bookingViewFromState(result.booking), checkoutUrl: result.checkoutUrl, clientSecret: result.clientSecret ?? null };
  }

  /**
   * Waits with a repeated create request for the first one's outcome, without ever starting the
   * workflow: the same update id reaches the running create update (or its recorded result). Null when
   * Temporal no longer has the workflow.
   */
  async awaitCreation(bookingId: string): Promise<CreatedBooking | null> {
    try {
      const result = await this.handle(bookingId).executeUpdate(createBookingUpdate, { updateId: BookingClient.createUpdateId(bookingId) });
      return { booking: bookingViewFromState(result.booking), checkoutUrl: result.checkoutUrl, clientSecret: result.clientSecret ?? null };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err;
    }
  }

  /**
   * From the read model, which the workflow writes in the same workflow task as each transition: a
   * read costs one indexed row instead of a query task on a worker, and keeps answering while workers
   * are down. A booking whose first transition is not recorded yet is asked of the workflow itself.
   */
  async getBooking(bookingId: string): Promise<BookingView> {
    const record = await getBookingRecord(this.deps.db, bookingId);
    if (record) return bookingViewFromRecord(record);
    return bookingViewFromState(await this.queryState(bookingId));
  }

  /** The booking with what only operators see: the undos still owed and the attention flags. */
  async getAdminBooking(bookingId: string): Promise<AdminBookingView> {
    const record = await getBookingRecord(this.deps.db, bookingId);
    if (record) return adminBookingViewFromRecord(record);
    return adminBookingViewFromState(await this.queryState(bookingId));
  }

  private async queryState(bookingId: string): Promise<BookingState> {
    try {
      return await this.handle(bookingId).query(getBookingQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new BookingNotFoundError(bookingId);
      throw err;
    }
  }

  /** Whether Temporal still has the booking's workflow (running, or closed within its retention). */
  async isKnownToTemporal(bookingId: string): Promise<boolean> {
    try {
      await this.handle(bookingId).describe();
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  }

  /** Whether the booking was ever started (Temporal still has it, or the read model remembers it). */
  async exists(bookingId: string): Promise<boolean> {
    if ((await getBookingRecord(this.deps.db, bookingId)) !== null) return true;
    return this.isKnownToTemporal(bookingId);
  }

  /** The updates answer a slim snapshot; the booking as the API shows it (with its history) comes from the read model, written before the update returned. */
  async cancel(bookingId: string, input: CancelBookingInput): Promise<BookingView> {
    await this.update(bookingId, () => this.handle(bookingId).executeUpdate(cancelBookingUpdate, { args: [input] }));
    return this.getBooking(bookingId);
  }

  async reschedule(bookingId: string, input: RescheduleBookingInput): Promise<BookingView> {
    await this.update(bookingId, () => this.handle(bookingId).executeUpdate(rescheduleBookingUpdate, { args: [input] }));
    return this.getBooking(bookingId);
  }

  async markNoShow(bookingId: string, input: MarkNoShowInput): Promise<BookingView> {
    await this.update(bookingId, () => this.handle(bookingId).executeUpdate(markNoShowUpdate, { args: [input] }));
    return this.getBooking(bookingId);
  }

  /**
   * Temporal answers "not found" for an update to a workflow that has closed; for the caller that
   * booking exists but can no longer move, which is a 409, not a 404.
   */
  private async update(bookingId: string, run: () => Promise<BookingSnapshot>): Promise<BookingSnapshot> {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      const booking = await this.getBooking(bookingId);
      throw new BookingClosedError(bookingId, booking.status);
    }
  }

  /**
   * Hands a verified payment event to its booking. When the booking's workflow is gone (finished, or
   * never existed) a successful payment is refunded by its own small workflow, so money never sticks.
   */
  async signalPayment(bookingId: string, signal: PaymentSignal): Promise<PaymentDelivery> {
    try {
      await this.handle(bookingId).signal(paymentSignal, signal);
      return 'signalled';
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
    if (signal.kind === 'refund_failed') return this.refundFailedAfterClose(bookingId, signal);
    if (signal.kind !== 'succeeded' || !signal.paymentId) return 'ignored';
    // The payment the closed booking kept, announced once more (a second event, or the outbox's
    // delivery of a payment the deadline already found on the session): not a stray payment to refund.
    const record = await getBookingRecord(this.deps.db, bookingId);
    if (record?.paymentId === signal.paymentId) return 'ignored';
    const input: LatePaymentRefundInput = {
      bookingId,
      provider: signal.provider,
      paymentId: signal.paymentId,
      amountCents: signal.amountCents,
      currency: signal.currency,
    };
    try {
      await this.deps.temporal.workflow.start(LATE_PAYMENT_WORKFLOW_TYPE, {
        workflowId: latePaymentWorkflowId(signal.provider, signal.paymentId),
        taskQueue: this.deps.config.TEMPORAL_TASK_QUEUE,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        staticSummary: `Refund late payment ${signal.paymentId} for booking ${bookingId}`,
      });
    } catch (err) {
      // Already refunded by an earlier delivery of the same payment.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    this.deps.logger.info('late payment: refund workflow started', { bookingId, paymentId: signal.paymentId });
    return 'late-refund-started';
  }

  /**
   * A refund the closed booking made, reported failed: the booking can no longer make it again itself,
   * so a workflow of its own does (closed-booking-refund-failed.workflow.ts), one per failed refund. A
   * refund made in the provider's dashboard is its maker's to redo, as in the open booking.
   */
  private async refundFailedAfterClose(bookingId: string, signal: PaymentSignal): Promise<PaymentDelivery> {
    const refund = signal.refund;
    if (!refund?.byBooking || !signal.paymentId) return 'ignored';
    const input: ClosedBookingRefundFailedInput = {
      bookingId,
      provider: signal.provider,
      paymentId: signal.paymentId,
      failedRefundId: refund.refundId,
      amountCents: refund.amountCents,
      currency: signal.currency,
      reason: signal.reason ?? null,
    };
    try {
      await this.deps.temporal.workflow.start(CLOSED_BOOKING_REFUND_FAILED_WORKFLOW_TYPE, {
        workflowId: closedBookingRefundFailedWorkflowId(signal.provider, refund.refundId),
        taskQueue: this.deps.config.TEMPORAL_TASK_QUEUE,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        staticSummary: `Refund again: refund ${refund.refundId} of booking ${bookingId} failed after it closed`,
      });
    } catch (err) {
      // The same failure announced before (`refund.updated`, then `refund.failed`).
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    this.deps.logger.warn('refund failed after the booking closed: making it again', { bookingId, refundId: refund.refundId, reason: signal.reason });
    return 'refund-remake-started';
  }
}
