import { createDb } from '../db/connection';
import { migrateToLatest } from '../db/migrate';

const USAGE = `Usage: DATABASE_URL=postgres://... npm run migrate

Brings the database schema to the latest migration. Safe to run again, and from several
processes at once. \`npm start\` runs it itself.`;

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const url = process.env.DATABASE_URL?.trim();
  if (!url) {
    console.error('Invalid configuration:\n  DATABASE_URL: required');
    process.exitCode = 1;
    return;
  }
  const db = createDb(url, { max: 1 });
  try {
    await migrateToLatest(db);
    console.log('Database schema is up to date.');
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
