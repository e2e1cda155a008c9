import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Config } from '../config/config.schema';
import type { Database } from '../db/schema';
import type { Logger } from '../logging/logger';
import type { Providers } from '../providers/providers';

/** Everything the HTTP layer needs, passed in so tests hand it real local servers. */
export interface ApiDeps {
  config: Config;
  db: Kysely<Database>;
  temporal: Client;
  providers: Providers;
  logger: Logger;
  /** Injected so tests of time-dependent rules need no clock mocking. Defaults to `() => new Date()`. */
  now?: () => Date;
}
