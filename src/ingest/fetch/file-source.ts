import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createFetchError } from './fetch-error.js';
import { formatBytes } from './transport-errors.js';

/**
 * Reads a file: URL whole, refusing files over `maxBytes` before reading them. Failures throw
 * FetchError at once (code 'network' for an unreadable file, 'too-large', 'bad-scheme' for a
 * URL naming a remote host): retrying a local read would not change its answer.
 */
export async function readFileUrl(url: URL, maxBytes: number): Promise<{ body: Buffer; lastModified: string }> {
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch (error) {
    const detail = `was refused: not a local file URL (${(error as Error).message})`;
    throw createFetchError({ code: 'bad-scheme', retryable: false, detail, cause: error }, url.href, 0);
  }
  try {
    const info = await stat(path);
    if (!info.isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: 'EISDIR' });
    if (info.size > maxBytes) {
      const detail = `was refused: the file is ${formatBytes(info.size)}, over the ${formatBytes(maxBytes)} limit (maxBytes)`;
      throw createFetchError({ code: 'too-large', retryable: false, detail }, url.href, 1);
    }
    return { body: await readFile(path), lastModified: info.mtime.toUTCString() };
  } catch (error) {
    if ((error as Error).name === 'FetchError') throw error;
    const message = (error as Error).message;
    const code = (error as NodeJS.ErrnoException).code;
    const detail = `could not be read from disk (${code && !message.includes(code) ? `${code}: ` : ''}${message})`;
    throw createFetchError({ code: 'network', retryable: false, detail, cause: error }, url.href, 1);
  }
}
