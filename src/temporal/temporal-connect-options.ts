import type { NativeConnectionOptions } from '@temporalio/worker';
import type { TemporalProfile } from './temporal-profile';

/**
 * Everything both connections need, the client's `Connection` (API, start-up) and the worker's
 * `NativeConnection`: built once, so the two can never disagree on TLS, API key or namespace.
 */
export interface TemporalConnectOptions {
  address: string;
  namespace: string;
  tls?: NativeConnectionOptions['tls'];
  apiKey?: string;
  metadata?: NativeConnectionOptions['metadata'];
}

/** A configured server: its address and namespace from our config, TLS, API key and headers from the profile. */
export function temporalConnectOptions(config: { TEMPORAL_ADDRESS?: string | undefined; TEMPORAL_NAMESPACE: string }, profile: TemporalProfile): TemporalConnectOptions {
  if (!config.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS is not set: start the dev server first or point it at a cluster.');
  const { tls, apiKey, metadata } = profile.security;
  return {
    address: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    ...(tls !== undefined && tls !== null ? { tls } : {}),
    ...(typeof apiKey === 'string' ? { apiKey } : {}),
    ...(metadata ? { metadata } : {}),
  };
}

/**
 * A server this process started itself (the embedded dev server, the test servers): plain gRPC on
 * localhost, whatever a `temporal.toml` profile on this machine says about some other server.
 */
export function localConnectOptions(address: string, namespace: string): TemporalConnectOptions {
  return { address, namespace };
}
