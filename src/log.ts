import { pino, type Logger } from 'pino';

/** JSON logs on stdout; every component derives a child logger with its own name. */
export function createLogger(level: string, name = 'careerlens'): Logger {
  return pino({ name, level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime });
}

export type { Logger };
