import type { Db } from '../db/client.js';
import type { Logger } from '../log.js';
import type { QueueKit } from '../queue/backend.js';
import type { Queues } from '../queue/queues.js';

/** What every handler can reach: the database, the queues, and a logger. */
export interface ApiDeps {
  db: Db;
  /**
   * The pool for operators' routes (`/v1/ops`, `/ops`), whose work (a purge, a schedule change)
   * may run longer than the public pool's statement timeout allows. Default: `db`.
   */
  opsDb?: Db;
  kit: QueueKit;
  queues: Queues;
  log: Logger;
}

export type AppEnv = {
  Variables: { requestId: string; deps: ApiDeps; addressKey?: string };
};
