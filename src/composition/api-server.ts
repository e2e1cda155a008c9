import { type RunningApiServer, startApiServer } from '../api/server';
import type { StopStack } from '../dev/stop-stack';
import type { AppDependencies } from './app-dependencies';

/** The HTTP API over the app's dependencies, listening, and on the stack. */
export async function startBookingApi(app: AppDependencies, stack: StopStack): Promise<RunningApiServer> {
  const api = await startApiServer({
    config: app.config,
    db: app.db,
    temporal: app.temporal.client,
    providers: app.providers,
    logger: app.logger.child({ component: 'api' }),
  });
  stack.push('API', () => api.close());
  return api;
}
