/**
 * One booking as a customer makes it, over HTTP, the same for the product and the no-op: `POST
 * /v1/bookings`, pay at the checkout URL it answered, then watch `GET /v1/bookings/:id` until the
 * booking is CONFIRMED. All times are measured from `scheduledAt`, when the booking was due to start
 * (open loop: its slot in the timetable), so a client that fell behind shows in the figures instead
 * of hiding them.
 */
import { randomUUID } from 'node:crypto';
import { assertLoopback } from './loopback';

export interface BenchTarget {
  name: string;
  baseUrl: string;
  serviceId: string;
}

export interface Slot {
  start: string;
  resourceId: string;
}

export interface JourneyResult {
  /** How late the client sent `POST /v1/bookings` after it was due (ms). */
  sendLagMs: number;
  /** From due to the answer of `POST /v1/bookings` (ms), whatever its status. */
  createMs: number | null;
  /** From due to the answer of the pay call (ms). */
  paidMs: number | null;
  /** From due to the first read that showed CONFIRMED (ms; resolution: the poll interval). */
  confirmedMs: number | null;
  /** `performance.now()` when it was seen CONFIRMED. */
  confirmedAt: number | null;
  bookingId: string | null;
  failure: string | null;
}

/**
 * How often a booking's status is read once it is paid: the resolution of the time to CONFIRMED.
 * Not finer: these reads are the bench watching, not a customer booking, and at 50 ms they
 * outnumbered the bookings' own requests.
 */
export const CONFIRM_POLL_MS = 100;
/** A booking not confirmed this long after it was paid counts as failed. */
export const CONFIRM_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;

const since = (t: number): number => performance.now() - t;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function call(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(assertLoopback(url), { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
}

/**
 * Creates and pays a booking; returns once it is paid, with `confirmed` settling when the booking is
 * seen CONFIRMED. A closed-loop client moves on to its next booking after the payment, so the bench's
 * own polling never sets the pace.
 */
export async function bookAndPay(target: BenchTarget, slot: Slot, scheduledAt: number): Promise<{ paid: JourneyResult; confirmed: Promise<JourneyResult> }> {
  const result: JourneyResult = { sendLagMs: since(scheduledAt), createMs: null, paidMs: null, confirmedMs: null, confirmedAt: null, bookingId: null, failure: null };
  const done = (failure: string | null) => {
    result.failure = failure;
    return { paid: result, confirmed: Promise.resolve(result) };
  };
  try {
    const body = JSON.stringify({
      serviceId: target.serviceId,
      resourceId: slot.resourceId,
      start: slot.start,
      customer: { name: 'Bench Customer', email: `bench-${randomUUID()}@example.com` },
    });
    const res = await call(`${target.baseUrl}/v1/bookings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    result.createMs = since(scheduledAt);
    if (res.status !== 201) return done(`create ${res.status}`);
    const created = (await res.json()) as { booking: { id: string }; accessToken: string; checkoutUrl: string | null };
    result.bookingId = created.booking.id;
    if (!created.checkoutUrl) return done('no checkout URL');
    const pay = await call(`${created.checkoutUrl}/pay`, { method: 'POST', headers: { accept: 'application/json' } });
    await pay.arrayBuffer();
    result.paidMs = since(scheduledAt);
    if (!pay.ok) return done(`pay ${pay.status}`);
    return { paid: result, confirmed: watchUntilConfirmed(target, created.booking.id, created.accessToken, scheduledAt, result) };
  } catch (error) {
    return done(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }
}

async function watchUntilConfirmed(target: BenchTarget, id: string, token: string, scheduledAt: number, result: JourneyResult): Promise<JourneyResult> {
  const deadline = performance.now() + CONFIRM_TIMEOUT_MS;
  try {
    while (performance.now() < deadline) {
      const res = await call(`${target.baseUrl}/v1/bookings/${id}`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { booking?: { status: string } };
      if (body.booking?.status === 'CONFIRMED') {
        result.confirmedAt = performance.now();
        result.confirmedMs = since(scheduledAt);
        return result;
      }
      await sleep(CONFIRM_POLL_MS);
    }
    result.failure = `not confirmed in ${CONFIRM_TIMEOUT_MS / 1000} s`;
  } catch (error) {
    result.failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  return result;
}
