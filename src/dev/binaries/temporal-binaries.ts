import type { EphemeralServerExecutable } from '@temporalio/testing';
import { TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from './binary-specs';
import { resolveBinary, type ResolvedBinary } from './resolve-binary';
import { systemLookups } from './system-lookups';

export function resolveTemporalCli(env: NodeJS.ProcessEnv = process.env): Promise<ResolvedBinary> {
  return resolveBinary(TEMPORAL_CLI, systemLookups(env));
}

export function resolveTemporalTestServer(env: NodeJS.ProcessEnv = process.env): Promise<ResolvedBinary> {
  return resolveBinary(TEMPORAL_TEST_SERVER, systemLookups(env));
}

/** What to hand `TestWorkflowEnvironment` / the SDK's ephemeral server for a resolved binary. */
export function toSdkExecutable(binary: ResolvedBinary): EphemeralServerExecutable {
  return binary.kind === 'path' ? { type: 'existing-path', path: binary.path } : { type: 'cached-download' };
}
