import type { Store } from '../types.js';
import { instancesPart } from './instances.js';
import { itemsPart } from './items.js';
import { outputsPart } from './outputs.js';
import type { SqlPort } from './port.js';
import { hostsPart, runsPart } from './runs.js';
import { sourcesPart } from './sources.js';
import { storiesPart } from './stories.js';

/** The Store, written once over either engine's port. */
export function sqlStore(port: SqlPort, close: () => Promise<void>, file: string | null): Store {
  return {
    file,
    sources: sourcesPart(port),
    items: itemsPart(port),
    outputs: outputsPart(port),
    runs: runsPart(port),
    hosts: hostsPart(port),
    instances: instancesPart(port),
    stories: storiesPart(port),
    close,
  };
}
