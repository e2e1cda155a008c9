/**
 * What every time-skipping workflow test file starts once: its own time-skipping test server (told the
 * booking search attributes, which it does not know until then and whose upserts it would fail), and a
 * worker on its task queue over the shared workflow bundle and the real activities (activities-world.ts).
 */
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { BOOKING_SEARCH_ATTRIBUTES } from '../../workflows/contract';
import { testEnv } from '../support/test-env';
import { sharedWorkflowBundle } from '../support/workflow-bundle';
import { createActivitiesWorld, type ActivitiesWorld } from './activities-world';
import { installQuietRuntime } from './quiet-logger';

export interface TimeSkippingWorld {
  env: TestWorkflowEnvironment;
  world: ActivitiesWorld;
  stop(): Promise<void>;
}

export async function startTimeSkippingWorld(taskQueue: string): Promise<TimeSkippingWorld> {
  installQuietRuntime();
  const path = testEnv().testServerPath;
  const env = await TestWorkflowEnvironment.createTimeSkipping(path ? { server: { executable: { type: 'existing-path', path } } } : {});
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(BOOKING_SEARCH_ATTRIBUTES.map(({ name, type }) => [name, encodeSearchAttributeIndexedValueType(type)!])),
  });
  const world = createActivitiesWorld();
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await sharedWorkflowBundle(), activities: world.activities });
  const running = worker.run();
  return {
    env,
    world,
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
      await world.close();
    },
  };
}
