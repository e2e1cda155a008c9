/**
 * Real messages (issue 8): what an attempt to send did and what the provider later reported.
 *
 * - `sending` marks an attempt in flight, with `sending_since`: a retry that finds it (the worker died
 *   mid-send, or the attempt timed out) cannot know whether the message left, so it never sends again.
 * - `failure_kind` / `error_code` say why an attempt failed (ProviderFailure kinds plus
 *   `outcome_unknown`); `refused` and `outcome_unknown` are final.
 * - `delivery_*` is the provider's word on delivery: the SMTP server's reply, Twilio's status callbacks
 *   (`delivery_detail`: the reply text or the error's description).
 * - `fallback_for`: the SMS notification an email fallback stands in for.
 * Frozen in time.
 */
import { type Kysely, sql } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // 0001 declared the check inline, so PostgreSQL named it <table>_<column>_check.
  await sql`ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_status_check`.execute(db);
  await sql`ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending', 'sending', 'sent', 'failed'))`.execute(db);
  await db.schema
    .alterTable('notifications')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sending_since', 'timestamptz')
    .addColumn('failure_kind', 'text')
    .addColumn('error_code', 'text')
    .addColumn('delivery_status', 'text')
    .addColumn('delivery_error_code', 'text')
    .addColumn('delivery_detail', 'text')
    .addColumn('delivery_updated_at', 'timestamptz')
    .addColumn('fallback_for', 'uuid')
    .execute();
  // Status callbacks find their row by the provider's message id (Twilio's MessageSid).
  await sql`CREATE INDEX notifications_provider_message_idx ON notifications (provider_message_id) WHERE provider_message_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS notifications_provider_message_idx`.execute(db);
  await db.schema
    .alterTable('notifications')
    .dropColumn('attempts')
    .dropColumn('sending_since')
    .dropColumn('failure_kind')
    .dropColumn('error_code')
    .dropColumn('delivery_status')
    .dropColumn('delivery_error_code')
    .dropColumn('delivery_detail')
    .dropColumn('delivery_updated_at')
    .dropColumn('fallback_for')
    .execute();
  await sql`UPDATE notifications SET status = 'pending' WHERE status = 'sending'`.execute(db);
  await sql`ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_status_check`.execute(db);
  await sql`ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending', 'sent', 'failed'))`.execute(db);
}
