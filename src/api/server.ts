import type { AddressInfo } from 'node:net';
import { localWebhookUrl } from '../providers/payments/local/local-webhook-delivery';
import { createLocalWebhookDispatcher, type LocalWebhookDispatcher } from '../providers/payments/local/local-webhook-dispatcher';
import type { ApiDeps } from './api-deps';
import { createApp } from './app';

export interface RunningApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The local checkout's outbox is delivered by the API it posts to: every API process (npm start,
 * npm run api, the test harness) runs a dispatcher when the local provider is in use.
 */
function localWebhookDispatcher(deps: ApiDeps): LocalWebhookDispatcher | null {
  const { config } = deps;
  if (config.PAYMENT_PROVIDER !== 'local' || !config.LOCAL_WEBHOOK_SECRET) return null;
  return createLocalWebhookDispatcher({
    db: deps.db,
    secret: config.LOCAL_WEBHOOK_SECRET,
    logger: deps.logger,
    endpointUrl: localWebhookUrl(config.PUBLIC_BASE_URL),
  });
}

/** Listens on config.PORT / HOST (PORT 0 picks a free port, for tests) and resolves once it accepts connections. */
export function startApiServer(deps: ApiDeps): Promise<RunningApiServer> {
  const app = createApp(deps);
  return new Promise((resolve, reject) => {
    const server = app.listen(deps.config.PORT, deps.config.HOST);
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const host = deps.config.HOST === '0.0.0.0' || deps.config.HOST === '::' ? 'localhost' : deps.config.HOST;
      deps.logger.info('api listening', { port, host: deps.config.HOST });
      // Started once the API accepts connections: the events it delivers come back to this API.
      const dispatcher = localWebhookDispatcher(deps);
      dispatcher?.start();
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
        port,
        close: async () => {
          // Before the server closes: an attempt in flight still reaches it, or is handed back to the outbox.
          await dispatcher?.stop();
          await new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            // Keep-alive sockets would hold close() open until they time out.
            server.closeAllConnections();
          });
        },
      });
    });
  });
}
