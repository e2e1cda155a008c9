import type { AddressInfo } from 'node:net';
import type { ApiDeps } from './api-deps';
import { createApp } from './app';

export interface RunningApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
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
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            // Keep-alive sockets would hold close() open until they time out.
            server.closeAllConnections();
          }),
      });
    });
  });
}
