import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_saga_core_v2';
import * as m0003 from './0003_local_webhook_outbox';
import * as m0004 from './0004_payments';
import * as m0005 from './0005_calendars';
import * as m0006 from './0006_messages';

/**
 * Every migration, by name, in order. A static map rather than a folder scan, so migrations run the
 * same under tsx, the compiled build and any bundler.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_saga_core_v2': m0002,
  '0003_local_webhook_outbox': m0003,
  '0004_payments': m0004,
  '0005_calendars': m0005,
  '0006_messages': m0006,
};
