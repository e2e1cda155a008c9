import type { Config } from '../config/config.schema';
import { type ConfigRole, loadConfig } from '../config/load-config';
import { localConnectOptions, temporalConnectOptions, type TemporalConnectOptions } from '../temporal/temporal-connect-options';
import { readTemporalProfile, withProfileDefaults } from '../temporal/temporal-profile';

/** The validated configuration and how to reach Temporal: what every entry point starts from. */
export interface AppSettings {
  config: Config;
  temporal: TemporalConnectOptions;
}

/**
 * Settings of a process that runs against configured servers (`npm run api`, `npm run worker`, `npm
 * start` with TEMPORAL_ADDRESS): TLS, API key and headers come from the SDK's environment
 * configuration, which may also name the address and namespace when our variables leave them unset.
 */
export function loadClusterSettings(env: NodeJS.ProcessEnv, role: ConfigRole): AppSettings {
  const profile = readTemporalProfile(env);
  const config = loadConfig(withProfileDefaults(env, profile), role);
  return { config, temporal: temporalConnectOptions(config, profile) };
}

/** Settings of a process that talks to a Temporal server it started itself: plain gRPC, no profile. */
export function localServerSettings(config: Config): AppSettings {
  if (!config.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS is not set: start the dev server first.');
  return { config, temporal: localConnectOptions(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE) };
}
