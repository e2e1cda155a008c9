/**
 * The booking activities the workflow tests run on: the real ones (`createBookingActivities`) over the
 * run's real PostgreSQL and the local providers, so holds, sessions, refunds, calendar events and
 * messages behave exactly as in production. Each call is recorded (name, booking, input, server time)
 * and a test may make a call fail (`failWhen`) the way a provider outage or a timeout would: the real
 * activity still runs first when `afterRunning` is set, as when the provider did the work but the
 * answer was lost.
 */
import { randomBytes } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import { createBookingActivities } from '../../activities/booking.activities';
import { configSchema } from '../../src/config/config.schema';
import { createDb } from '../../src/db/connection';
import type { Database } from '../../src/db/schema';
import { createLogger } from '../../src/logging/logger';
import { buildProviders } from '../../src/providers/build-providers';
import type { BookingActivities, PaymentSignal } from '../../workflows/contract';
import { testEnv } from '../support/test-env';

export type ActivityName = keyof BookingActivities;

export interface RecordedCall {
  name: ActivityName;
  bookingId: string;
  input: Record<string, unknown>;
  /** Server time the attempt was scheduled (epoch ms): the skipped clock on the time-skipping server. */
  at: number;
}

export interface InjectedFault {
  /** Whether this call fails. Called once per attempt. */
  when: (call: RecordedCall) => boolean;
  /** Run the real activity first, then fail (the effect happened, the answer was lost). */
  afterRunning?: boolean;
  /** Non-retryable with this failure type; otherwise a transient error the retry policy retries. */
  nonRetryableType?: string;
}

export interface ActivitiesWorld {
  activities: BookingActivities;
  db: Kysely<Database>;
  calls: RecordedCall[];
  callsOf(bookingId: string, name: ActivityName): RecordedCall[];
  callNames(bookingId: string): ActivityName[];
  /** Adds a fault; returns a function that removes it (the provider comes back). */
  failWhen(fault: InjectedFault): () => void;
  liveHolds(bookingId: string): Promise<Array<{ holdKey: string; status: string }>>;
  /** The message steps (`confirmation`, `reminder-60m-r0`...) sent to the booking's email, in order. */
  sentMessages(bookingId: string): Promise<string[]>;
  refunds(bookingId: string): Promise<Array<{ idempotencyKey: string; amountCents: number }>>;
  /**
   * The provider has the refund made with this key fail, as Stripe does (an expired card): the money is
   * back on the merchant's balance, so the refund no longer counts against the payment. Returns it.
   */
  failRefund(idempotencyKey: string): Promise<{ refundId: string; paymentId: string; amountCents: number }>;
  calendarEvents(bookingId: string): Promise<Array<{ status: string; start: Date }>>;
  sessionStatus(bookingId: string): Promise<string | undefined>;
  recordedEvents(bookingId: string): Promise<string[]>;
  /** The customer pays on the local checkout: the session is marked paid and the signal the webhook would send is returned. */
  payLocally(bookingId: string, options?: { amountCents?: number; signal?: boolean }): Promise<PaymentSignal>;
  close(): Promise<void>;
}

function bookingIdOf(name: ActivityName, input: Record<string, unknown>): string {
  if (name === 'recordTransition') return (input.booking as { id: string }).id;
  return String(input.bookingId ?? '');
}

function scheduledAt(): number {
  try {
    return Context.current().info.currentAttemptScheduledTimestampMs;
  } catch {
    return Date.now();
  }
}

export function createActivitiesWorld(): ActivitiesWorld {
  const env = testEnv();
  const db = createDb(env.databaseUrl, { max: 10 });
  const secret = randomBytes(24).toString('base64url');
  const config = configSchema.parse({ NODE_ENV: 'test', PUBLIC_BASE_URL: 'http://127.0.0.1:9', LOCAL_WEBHOOK_SECRET: secret, DATABASE_URL: env.databaseUrl });
  const logger = createLogger('error');
  const real = createBookingActivities({ db, providers: buildProviders(config, db, logger), logger });
  const calls: RecordedCall[] = [];
  const faults = new Set<InjectedFault>();

  const wrapped = Object.fromEntries(
    (Object.keys(real) as ActivityName[]).map((name) => [
      name,
      async (input: Record<string, unknown>) => {
        const call: RecordedCall = { name, bookingId: bookingIdOf(name, input), input, at: scheduledAt() };
        calls.push(call);
        const fault = [...faults].find((candidate) => candidate.when(call));
        const run = (real[name] as (arg: unknown) => Promise<unknown>).bind(real);
        if (!fault) return run(input);
        if (fault.afterRunning) await run(input);
        if (fault.nonRetryableType) throw ApplicationFailure.nonRetryable(`injected: ${name} refused`, fault.nonRetryableType);
        throw new Error(`injected: ${name} failed (provider unavailable)`);
      },
    ]),
  ) as unknown as BookingActivities;

  return {
    activities: wrapped,
    db,
    calls,
    callsOf: (bookingId, name) => calls.filter((call) => call.bookingId === bookingId && call.name === name),
    callNames: (bookingId) => calls.filter((call) => call.bookingId === bookingId).map((call) => call.name),
    failWhen(fault) {
      faults.add(fault);
      return () => faults.delete(fault);
    },
    async liveHolds(bookingId) {
      const rows = await db.selectFrom('slot_holds').select(['hold_key', 'status']).where('booking_id', '=', bookingId).where('released_at', 'is', null).orderBy('created_at').execute();
      return rows.map((row) => ({ holdKey: row.hold_key, status: row.status }));
    },
    async sentMessages(bookingId) {
      const rows = await db.selectFrom('notifications').select('kind').where('booking_id', '=', bookingId).where('channel', '=', 'email').where('status', '=', 'sent').orderBy('created_at').execute();
      return rows.map((row) => row.kind);
    },
    async refunds(bookingId) {
      const rows = await db.selectFrom('local_refunds').select(['idempotency_key', 'amount_cents']).where('booking_id', '=', bookingId).orderBy('created_at').execute();
      return rows.map((row) => ({ idempotencyKey: row.idempotency_key, amountCents: row.amount_cents }));
    },
    async failRefund(idempotencyKey) {
      const row = await db.deleteFrom('local_refunds').where('idempotency_key', '=', idempotencyKey).returning(['id', 'payment_id', 'amount_cents']).executeTakeFirstOrThrow();
      return { refundId: row.id, paymentId: row.payment_id, amountCents: row.amount_cents };
    },
    async calendarEvents(bookingId) {
      const rows = await db.selectFrom('local_calendar_events').select(['status', 'start_at']).where('booking_id', '=', bookingId).execute();
      return rows.map((row) => ({ status: row.status, start: row.start_at }));
    },
    async sessionStatus(bookingId) {
      const row = await db.selectFrom('local_payment_sessions').select('status').where('booking_id', '=', bookingId).executeTakeFirst();
      return row?.status;
    },
    async recordedEvents(bookingId) {
      const rows = await db.selectFrom('booking_events').select('event').where('booking_id', '=', bookingId).orderBy('seq').execute();
      return rows.map((row) => row.event);
    },
    async payLocally(bookingId, options = {}) {
      const paymentId = `lpay_${randomBytes(6).toString('hex')}`;
      const session = await db
        .updateTable('local_payment_sessions')
        .set({ status: 'paid', payment_id: paymentId, updated_at: new Date() })
        .where('booking_id', '=', bookingId)
        // Any unpaid session: a provider may take a payment the booking no longer waits for (that is the late-payment case).
        .where('status', '<>', 'paid')
        .returningAll()
        .executeTakeFirstOrThrow();
      return {
        eventId: `evt_${paymentId}`,
        kind: 'succeeded',
        provider: 'local',
        sessionId: session.id,
        paymentId,
        amountCents: options.amountCents ?? session.amount_cents,
        currency: session.currency,
      };
    },
    close: () => db.destroy(),
  };
}
