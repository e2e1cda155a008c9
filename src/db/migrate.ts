import type { Kysely } from 'kysely';
import { Migrator } from 'kysely';
import type { Database } from './schema';
import { migrations } from './migrations';

export class MigrationError extends Error {
  constructor(
    readonly migrationName: string | null,
    cause: unknown,
  ) {
    super(`migration ${migrationName ?? '(unknown)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MigrationError';
  }
}

/** Brings the schema to the latest migration; safe to run from several processes at once (kysely takes a lock). */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((r) => r.status === 'Error');
  throw new MigrationError(failed?.migrationName ?? null, error);
}
