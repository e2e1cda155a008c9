import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { ConfigError } from '../config/load-config';

/**
 * What the Temporal SDK's own environment configuration says about the connection: a profile of a
 * `temporal.toml` file (TEMPORAL_CONFIG_FILE, else the user's config dir; TEMPORAL_PROFILE, else
 * `default`) overlaid by TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS,
 * TEMPORAL_TLS_* and TEMPORAL_GRPC_META_*. The same settings the `temporal` CLI reads.
 */
export interface TemporalProfile {
  address?: string;
  namespace?: string;
  security: Pick<NativeConnectionOptions, 'tls' | 'apiKey' | 'metadata'>;
}

// Our schema reads an empty variable as unset; the SDK would take `TEMPORAL_API_KEY=` as an empty key.
// Empty gRPC metadata values keep their SDK meaning: remove that header.
function withoutBlankValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => {
      const [name, value] = entry;
      return value !== undefined && (value.trim() !== '' || name.startsWith('TEMPORAL_GRPC_META_'));
    }),
  );
}

/** Reads the profile (and any certificate files it names) once; a bad file or profile is a ConfigError. */
export function readTemporalProfile(env: NodeJS.ProcessEnv): TemporalProfile {
  let loaded: ReturnType<typeof loadClientConnectConfig>;
  try {
    loaded = loadClientConnectConfig({ overrideEnvVars: withoutBlankValues(env) });
  } catch (error) {
    throw new ConfigError(`Invalid Temporal connection configuration (TEMPORAL_PROFILE, TEMPORAL_CONFIG_FILE, TEMPORAL_TLS_*): ${(error as Error).message}`, {
      cause: error,
    });
  }
  const { address, apiKey, tls, metadata } = loaded.connectionOptions;
  return {
    ...(address ? { address } : {}),
    ...(loaded.namespace ? { namespace: loaded.namespace } : {}),
    security: {
      ...(tls !== undefined ? { tls } : {}),
      ...(apiKey ? { apiKey } : {}),
      ...(metadata && Object.keys(metadata).length > 0 ? { metadata } : {}),
    },
  };
}

/**
 * Lets a profile name the server when our fixed names are unset: TEMPORAL_ADDRESS and
 * TEMPORAL_NAMESPACE, when set, always win (the SDK reads them the same way).
 */
export function withProfileDefaults(env: NodeJS.ProcessEnv, profile: TemporalProfile): NodeJS.ProcessEnv {
  const filled: NodeJS.ProcessEnv = { ...env };
  if (!env.TEMPORAL_ADDRESS?.trim() && profile.address) filled.TEMPORAL_ADDRESS = profile.address;
  if (!env.TEMPORAL_NAMESPACE?.trim() && profile.namespace) filled.TEMPORAL_NAMESPACE = profile.namespace;
  return filled;
}
