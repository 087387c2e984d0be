import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { AttemptTimeoutError, BodyTooLargeError } from './transport-errors.js';

export interface BodyLimits {
  /** Largest decoded body accepted, in bytes; counted after decompression (zip-bomb safe). */
  maxBytes: number;
  /** Longest wait for the next chunk, in ms; a stalled transfer is a timeout, not a hang. */
  idleTimeoutMs: number;
  /** Keep the first `maxBytes` and stop instead of failing (robots.txt: Google reads 500 KiB). */
  truncate: boolean;
  signal: AbortSignal;
}

class StopReading extends Error {}

/**
 * Reads a response body into one Buffer, decoding gzip/deflate/br. Rejects with
 * BodyTooLargeError, AttemptTimeoutError, the signal's reason, or the socket error (a body
 * shorter than its Content-Length rejects with "aborted").
 */
export async function readResponseBody(response: IncomingMessage, limits: BodyLimits): Promise<{ body: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let truncated = false;
  const idle = setTimeout(() => response.destroy(new AttemptTimeoutError(limits.idleTimeoutMs, 'body')), limits.idleTimeoutMs);
  const onAbort = () => response.destroy(limits.signal.reason);
  limits.signal.addEventListener('abort', onAbort, { once: true });
  const decoder = createDecoder(response.headers['content-encoding']);
  try {
    const consume = async (source: AsyncIterable<Buffer>): Promise<void> => {
      for await (const chunk of source) {
        idle.refresh();
        const room = limits.maxBytes - bytes;
        if (chunk.length > room) {
          if (!limits.truncate) throw new BodyTooLargeError(limits.maxBytes);
          chunks.push(chunk.subarray(0, room));
          bytes += room;
          truncated = true;
          throw new StopReading();
        }
        chunks.push(chunk);
        bytes += chunk.length;
      }
    };
    await (decoder ? pipeline(response, decoder, consume) : pipeline(response, consume));
  } catch (error) {
    if (!(error instanceof StopReading)) throw error;
  } finally {
    clearTimeout(idle);
    limits.signal.removeEventListener('abort', onAbort);
  }
  return { body: Buffer.concat(chunks, bytes), truncated };
}

function createDecoder(encoding: string | undefined): Transform | null {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return null;
  }
}
