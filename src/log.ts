import { pino, type DestinationStream, type Logger } from 'pino';
import { redactText } from './core/redact.js';

/** A URL inside a JSON string: it ends at a quote, a space or an escape's backslash. */
const URL_IN_JSON = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`\\]+/gi;

/**
 * JSON logs on stdout (or `destination`); every component derives a child logger with its own
 * name. Every URL in a finished line has its credentials redacted (user info, token-like query
 * values): the message, any field at any depth, arrays, an error's message and stack, and child
 * bindings, so a source or webhook URL with a token never reaches the logs.
 */
export function createLogger(level: string, name = 'careerlens', destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    hooks: { streamWrite: redactLine },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The serialized line with each URL redacted; a line without `://` is returned as it is. */
export function redactLine(line: string): string {
  return line.includes('://') ? line.replace(URL_IN_JSON, (url) => redactText(url)) : line;
}

export type { Logger };
