import { pino, type Logger } from 'pino';
import { redactText } from './core/redact.js';

/**
 * JSON logs on stdout; every component derives a child logger with its own name. URLs in
 * messages and in string fields (one level into objects such as `err`) have their credentials
 * redacted, so a source or webhook URL with a token never reaches the logs.
 */
export function createLogger(level: string, name = 'careerlens'): Logger {
  return pino({
    name, level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { log: (fields) => redactFields(fields, 1) },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>);
      },
    },
  });
}

function redactFields(fields: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === 'string') out[k] = v.includes('://') ? redactText(v) : v;
    else if (depth > 0 && v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) out[k] = redactFields(v as Record<string, unknown>, depth - 1);
    else out[k] = v;
  }
  return out;
}

export type { Logger };
