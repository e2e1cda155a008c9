import { NativeConnection } from '@temporalio/worker';
import type { TemporalConnectOptions } from './temporal-connect-options';

/** The worker's connection, with exactly the client's TLS, API key and headers. */
export function connectWorker(options: TemporalConnectOptions): Promise<NativeConnection> {
  const { namespace: _namespace, ...connectionOptions } = options;
  return NativeConnection.connect(connectionOptions);
}
