/**
 * A client that behaves as a well-written frontend does during an outage: a request that got no
 * answer, or a 5xx, is sent again (a booking with the same Idempotency-Key), until a real answer
 * comes or the bound runs out. The stories then judge only real answers.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestApp } from '../../support/app-harness';
import { book, pay } from '../../support/booking-api';
import type { HttpAnswer } from '../../support/http';

/** Throws when retrying is pointless (the server process is gone); `FaultApp.assertProcessesAlive`. */
export type AliveCheck = () => void;

async function untilAnswered(what: string, send: () => Promise<HttpAnswer>, alive: AliveCheck, timeoutMs: number): Promise<HttpAnswer> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no attempt';
  while (Date.now() < deadline) {
    alive();
    try {
      const answer = await send();
      if (answer.status < 500) return answer;
      last = `${answer.status} ${JSON.stringify(answer.body)}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(500);
  }
  throw new Error(`${what}: no answer below 500 within ${timeoutMs} ms; last: ${last}`);
}

export function bookRetrying(app: TestApp & { assertProcessesAlive: AliveCheck }, body: unknown, idempotencyKey: string, timeoutMs = 90_000): Promise<HttpAnswer> {
  return untilAnswered(`booking with key ${idempotencyKey}`, () => book(app, body, idempotencyKey), app.assertProcessesAlive, timeoutMs);
}

/** Presses Pay again until the checkout says paid (200) or already paid (409). */
export function payRetrying(app: { assertProcessesAlive: AliveCheck }, checkoutUrl: string, timeoutMs = 90_000): Promise<HttpAnswer> {
  return untilAnswered(`paying ${checkoutUrl}`, () => pay(checkoutUrl), app.assertProcessesAlive, timeoutMs);
}
