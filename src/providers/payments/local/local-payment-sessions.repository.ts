import type { Kysely, Selectable, WhereInterface } from 'kysely';
import type { Database, LocalPaymentSessionsTable } from '../../../db/schema';

type Db = Kysely<Database>;
export type LocalPaymentSession = Selectable<LocalPaymentSessionsTable>;

export async function findLocalSession(db: Db, id: string): Promise<LocalPaymentSession | null> {
  return (await db.selectFrom('local_payment_sessions').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/**
 * Marks an open, unexpired session paid in one conditional UPDATE: of two concurrent payers only one
 * gets a row back, so a session is never paid twice.
 */
export async function markLocalSessionPaid(db: Db, id: string, paymentId: string, now: Date): Promise<LocalPaymentSession | null> {
  const row = await db
    .updateTable('local_payment_sessions')
    .set({ status: 'paid', payment_id: paymentId, updated_at: now })
    .$call(whereOpen(id, now))
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** Counts a declined attempt on an open, unexpired session; null when the session cannot be paid any more. */
export async function recordLocalSessionDecline(db: Db, id: string, now: Date): Promise<LocalPaymentSession | null> {
  const row = await db
    .updateTable('local_payment_sessions')
    .set((eb) => ({ declined_attempts: eb('declined_attempts', '+', 1), updated_at: now }))
    .$call(whereOpen(id, now))
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** Only a session that is still open and unexpired may change. */
function whereOpen(id: string, now: Date) {
  return <QB extends WhereInterface<Database, 'local_payment_sessions'>>(qb: QB): QB =>
    qb.where('id', '=', id).where('status', '=', 'open').where('expires_at', '>', now) as QB;
}
