import { Client, Connection } from '@temporalio/client';

export interface TemporalClientConfig {
  TEMPORAL_ADDRESS?: string | undefined;
  TEMPORAL_NAMESPACE: string;
}

export interface TemporalHandle {
  connection: Connection;
  client: Client;
}

export async function connectTemporal(config: TemporalClientConfig): Promise<TemporalHandle> {
  if (!config.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS is not set: start the dev server first or point it at a cluster.');
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  return { connection, client: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }) };
}

export async function closeTemporal(handle: TemporalHandle): Promise<void> {
  await handle.connection.close();
}
