import type { FaultApp, FaultAppOptions } from './fault-app';
import type { FaultServers } from './fault-servers';

/** One fault story: the situation, what must hold after it, and the story itself over a fresh app. */
export interface FaultStory {
  situation: string;
  outcome: string;
  timeoutMs: number;
  /** How to start the app, given a scratch directory of the story's own; `npm run worker` and `npm run api` when absent. */
  app?: (scratchDir: string) => FaultAppOptions;
  run(app: FaultApp, servers: FaultServers, scratchDir: string): Promise<void>;
}
