import { Context } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema';
import type { Logger } from '../src/logging/logger';
import type { Providers } from '../src/providers/providers';

/** What every activity may use; passed to the factory so tests hand in real local servers. */
export interface ActivityDeps {
  db: Kysely<Database>;
  providers: Providers;
  logger: Logger;
  /** Signs the manage link every message carries (issue 8); without it messages go out without the link. */
  bookingTokenSecret?: string;
}

/**
 * The app logger tagged with the running activity's workflow and attempt. Activities also run as plain
 * functions (tests, scripts), where there is no Temporal context: then the logger is used as given.
 */
export function activityLogger(logger: Logger): Logger {
  try {
    const info = Context.current().info;
    return logger.child({ activity: info.activityType, workflowId: info.workflowExecution?.workflowId, attempt: info.attempt });
  } catch {
    return logger;
  }
}
