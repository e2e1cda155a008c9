import { Client, Connection } from '@temporalio/client';
import type { TemporalConnectOptions } from './temporal-connect-options';

export interface TemporalHandle {
  connection: Connection;
  client: Client;
}

export async function connectTemporal(options: TemporalConnectOptions): Promise<TemporalHandle> {
  const { namespace, ...connectionOptions } = options;
  const connection = await Connection.connect(connectionOptions);
  return { connection, client: new Client({ connection, namespace }) };
}

export async function closeTemporal(handle: TemporalHandle): Promise<void> {
  await handle.connection.close();
}
