import { Hono } from 'hono';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { ApiDeps } from '../http/context.js';
import { queueNames } from '../queue/jobs.js';

export const BOARD_PATH = '/ops/queues';

const boards = new WeakMap<ApiDeps['queues'], Hono | Error>();

/**
 * BullMQ's queue board for this process's queues, built on first use (the queues come with the
 * app's deps). Works on both backends: bull-board 9.10 reads Redis `INFO` on Redis and its own
 * PostgreSQL statistics on BullMQ's PostgreSQL backend. If building it fails, the error is kept
 * and the console explains it instead of crashing. The board is read-only.
 */
export function queueBoard(deps: ApiDeps): Hono | Error {
  let board = boards.get(deps.queues);
  if (!board) {
    try {
      const serverAdapter = new HonoAdapter(serveStatic).setBasePath(BOARD_PATH);
      createBullBoard({
        // Read-only: the board's clean, empty, remove, pause and promote routes are refused (retries
        // go through the console's own audited, CSRF-protected buttons).
        queues: queueNames.map((n) => new BullMQAdapter(deps.queues[n], { readOnlyMode: true, allowRetries: false })),
        serverAdapter,
        options: { uiConfig: { boardTitle: 'CareerLens queues' } },
      });
      board = new Hono().route(BOARD_PATH, serverAdapter.registerPlugin());
    } catch (err) {
      deps.log.error({ err: (err as Error).message }, 'the queue board could not be built');
      board = err as Error;
    }
    boards.set(deps.queues, board);
  }
  return board;
}
