/**
 * stripe-mock for the test run: resolved (or installed with `go install`, src/dev/binaries/stripe-mock.ts)
 * and started once on a free port; its address reaches the tests as TEST_STRIPE_API_URL.
 */
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveStripeMock } from '../../../src/dev/binaries/stripe-mock';
import { spawnManaged } from '../../../src/dev/managed-process';
import type { StopStack } from '../../../src/dev/stop-stack';
import type { Logger } from '../../../src/logging/logger';
import { freePort } from '../test-env';

const READY_TIMEOUT_MS = 30_000;

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startStripeMock(stack: StopStack, logger: Logger): Promise<{ TEST_STRIPE_API_URL: string }> {
  const binary = await resolveStripeMock();
  const port = await freePort();
  // It serves HTTPS too, on 12112 unless told otherwise: a free port of its own, so runs never collide.
  const httpsPort = await freePort();
  const server = spawnManaged(binary, ['-http-addr', `127.0.0.1:${port}`, '-https-addr', `127.0.0.1:${httpsPort}`], { name: 'stripe-mock', logger });
  stack.push('stripe-mock', () => server.stop());
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await accepts(port))) {
    if (server.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`stripe-mock did not start on port ${port}: ${server.recentOutput().slice(-5).join(' | ')}`);
    }
    await sleep(100);
  }
  return { TEST_STRIPE_API_URL: `http://127.0.0.1:${port}` };
}
