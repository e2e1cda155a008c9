import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { ProviderFailure, ProviderFailureKind } from '../../provider-failure';
import type { CheckoutSession, CreateCheckoutInput, ExpireCheckoutResult, PaymentProvider, RefundInput, SessionRef } from '../payment-provider';
import { localId } from './local-ids';
import { LOCAL_PROVIDER_NAME } from './local-webhook-event';

export interface LocalPaymentProviderDeps {
  db: Kysely<Database>;
  publicBaseUrl: string;
}

/**
 * The embedded payment provider: sessions and refunds live in PostgreSQL and the customer pays on
 * `/local-checkout/:id`, which then sends a signed webhook like any real provider.
 */
export class LocalPaymentProvider implements PaymentProvider {
  readonly name = LOCAL_PROVIDER_NAME;
  private readonly db: Kysely<Database>;
  private readonly publicBaseUrl: string;

  constructor({ db, publicBaseUrl }: LocalPaymentProviderDeps) {
    this.db = db;
    this.publicBaseUrl = publicBaseUrl.replace(/\/+$/, '');
  }

  checkoutUrl(sessionId: string): string {
    return `${this.publicBaseUrl}/local-checkout/${sessionId}`;
  }

  async createCheckout(input: CreateCheckoutInput): Promise<CheckoutSession> {
    await this.db
      .insertInto('local_payment_sessions')
      .values({
        id: localId('lcs'),
        booking_id: input.bookingId,
        idempotency_key: input.idempotencyKey,
        amount_cents: input.amountCents,
        currency: input.currency.toUpperCase(),
        description: input.description,
        customer_email: input.customerEmail,
        status: 'open',
        payment_id: null,
        expires_at: input.expiresAt,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .execute();
    // Read back by key: a retried call returns the session the first call created.
    const row = await this.db
      .selectFrom('local_payment_sessions')
      .select('id')
      .where('idempotency_key', '=', input.idempotencyKey)
      .executeTakeFirstOrThrow();
    return { sessionId: row.id, checkoutUrl: this.checkoutUrl(row.id) };
  }

  /**
   * One conditional UPDATE closes an open session, so a payment racing the deadline either lands
   * first (and is reported as `paid`) or finds the session closed; it is never lost between the two.
   */
  async expireCheckout(ref: SessionRef): Promise<ExpireCheckoutResult> {
    const closed = await this.db
      .updateTable('local_payment_sessions')
      .set({ status: 'expired', updated_at: new Date() })
      .where((eb) => (ref.sessionId ? eb('id', '=', ref.sessionId) : eb('idempotency_key', '=', ref.idempotencyKey ?? '')))
      .where('status', '=', 'open')
      .returning('id')
      .executeTakeFirst();
    if (closed) return { outcome: 'expired' };
    const session = await this.db
      .selectFrom('local_payment_sessions')
      .select(['status', 'payment_id', 'amount_cents', 'currency'])
      .where((eb) => (ref.sessionId ? eb('id', '=', ref.sessionId) : eb('idempotency_key', '=', ref.idempotencyKey ?? '')))
      .executeTakeFirst();
    if (session?.status === 'paid' && session.payment_id) {
      return { outcome: 'paid', paymentId: session.payment_id, amountCents: session.amount_cents, currency: session.currency };
    }
    return { outcome: 'expired' };
  }

  async refund(input: RefundInput): Promise<{ refundId: string; amountCents: number }> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('local_refunds')
        .select(['id', 'amount_cents'])
        .where('idempotency_key', '=', input.idempotencyKey)
        .executeTakeFirst();
      if (existing) return { refundId: existing.id, amountCents: existing.amount_cents };

      // Lock the payment's session so two concurrent refunds cannot both pass the balance check.
      const session = await trx
        .selectFrom('local_payment_sessions')
        .select(['amount_cents'])
        .where('payment_id', '=', input.paymentId)
        .forUpdate()
        .executeTakeFirst();
      if (!session) throw new ProviderFailure(ProviderFailureKind.NOT_FOUND, `No local payment ${input.paymentId}.`, { provider: LOCAL_PROVIDER_NAME });
      const refunded = await trx
        .selectFrom('local_refunds')
        .select(sql<number>`coalesce(sum(amount_cents), 0)`.as('total'))
        .where('payment_id', '=', input.paymentId)
        .executeTakeFirstOrThrow();
      const refundable = session.amount_cents - Number(refunded.total);
      const amount = Math.min(input.amountCents, refundable);
      if (amount <= 0) {
        throw new ProviderFailure(ProviderFailureKind.EXCEEDS_PAYMENT, `Payment ${input.paymentId} is already fully refunded.`, { provider: LOCAL_PROVIDER_NAME });
      }

      const id = localId('lre');
      await trx
        .insertInto('local_refunds')
        .values({
          id,
          idempotency_key: input.idempotencyKey,
          payment_id: input.paymentId,
          booking_id: input.bookingId,
          amount_cents: amount,
          currency: input.currency.toUpperCase(),
          reason: input.reason,
        })
        .execute();
      return { refundId: id, amountCents: amount };
    });
  }
}
