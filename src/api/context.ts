import type { Db } from '../db/client.js';
import type { Logger } from '../log.js';
import type { QueueKit } from '../queue/backend.js';
import type { Queues } from '../queue/queues.js';

/** What every handler can reach: the database, the queues, and a logger. */
export interface ApiDeps {
  db: Db;
  kit: QueueKit;
  queues: Queues;
  log: Logger;
}

export type AppEnv = {
  Variables: { requestId: string; log: Logger; deps: ApiDeps };
};
