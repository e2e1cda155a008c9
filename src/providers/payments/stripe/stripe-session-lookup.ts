/**
 * Finding a payment session whose id the workflow never learned (the create call reached Stripe, but
 * its answer was lost), so it can still be closed at the deadline and a payment on it is never lost.
 *
 * Why this way. Stripe finds a Checkout Session by id only; its list filters by creation time, status,
 * customer or PaymentIntent, never by metadata, and sessions are not in the Search API. Replaying the
 * create call with the same idempotency key would return the session (Stripe keeps keys 24 hours), but
 * only with exactly the same parameters, which the workflow's undo does not have; with others Stripe
 * answers an idempotency error and nothing else. So: list the sessions created in the last 24 hours (a
 * session cannot stay open longer) and match our `session_key` metadata; then, for Payment Element
 * bookings, search the PaymentIntents by that metadata (the Search API, which lags by up to a minute).
 * It is a scan, but a rare one: only when a create call failed after Stripe made the session.
 */
import type Stripe from 'stripe';
import { Metadata } from './stripe-names';

const SESSION_LIFETIME_S = 24 * 60 * 60;
/** A bound on the scan, so a huge account cannot keep an activity busy for ever. */
const MAX_SESSIONS_SCANNED = 10_000;

export type FoundSession = { kind: 'checkout'; id: string } | { kind: 'payment-intent'; id: string } | null;

export async function findSessionByKey(stripe: Stripe, sessionKey: string, now: Date): Promise<FoundSession> {
  const createdSince = Math.floor(now.getTime() / 1000) - SESSION_LIFETIME_S - 60;
  let scanned = 0;
  for await (const session of stripe.checkout.sessions.list({ created: { gte: createdSince }, limit: 100 })) {
    if (session.metadata?.[Metadata.SESSION_KEY] === sessionKey) return { kind: 'checkout', id: session.id };
    if (++scanned >= MAX_SESSIONS_SCANNED) break;
  }
  const intents = await stripe.paymentIntents.search({ query: `metadata['${Metadata.SESSION_KEY}']:'${sessionKey.replace(/'/g, "\\'")}'`, limit: 1 });
  const intent = intents.data.find((pi) => pi.metadata?.[Metadata.SESSION_KEY] === sessionKey);
  return intent ? { kind: 'payment-intent', id: intent.id } : null;
}
