/** The stripe-mock the test run started (test/support/servers/stripe-mock.ts), as TEST_STRIPE_API_URL. */
export function stripeMockUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.TEST_STRIPE_API_URL;
  if (!url) {
    throw new Error(
      'TEST_STRIPE_API_URL not set: run this test through `npm test` (or `npx tsx test/support/run-tests.ts <file>`), which starts stripe-mock once for the run.',
    );
  }
  return url;
}
