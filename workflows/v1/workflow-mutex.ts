export { WorkflowMutex } from '../runtime/mutex';
