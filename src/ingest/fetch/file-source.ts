import { readFile, realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFetchError } from './fetch-error.js';
import { formatBytes } from './transport-errors.js';

/**
 * Reads a file: URL whole, refusing files over `maxBytes` before reading them and files outside
 * `roots` (after resolving symbolic links and `..`, so neither can lead out). Failures throw
 * FetchError at once (code 'network' for an unreadable file, 'too-large', 'bad-scheme' for a
 * URL naming a remote host, 'blocked-url' outside the roots): retrying a local read would not
 * change its answer.
 */
export async function readFileUrl(url: URL, maxBytes: number, roots: readonly string[]): Promise<{ body: Buffer; lastModified: string }> {
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch (error) {
    const detail = `was refused: not a local file URL (${(error as Error).message})`;
    throw createFetchError({ code: 'bad-scheme', retryable: false, detail, cause: error }, url.href, 0);
  }
  // A missing file is judged by its written path, so the answer never tells what exists outside.
  const real = await realpath(path).catch(() => null);
  if (!(await isUnderRoots(real ?? resolve(path), roots))) {
    const detail = 'was refused: the file is outside the directories FILE_SOURCES_DIR allows';
    throw createFetchError({ code: 'blocked-url', retryable: false, detail }, url.href, 0);
  }
  try {
    const info = await stat(real ?? path);
    if (!info.isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: 'EISDIR' });
    if (info.size > maxBytes) {
      const detail = `was refused: the file is ${formatBytes(info.size)}, over the ${formatBytes(maxBytes)} limit (maxBytes)`;
      throw createFetchError({ code: 'too-large', retryable: false, detail }, url.href, 1);
    }
    return { body: await readFile(real ?? path), lastModified: info.mtime.toUTCString() };
  } catch (error) {
    if ((error as Error).name === 'FetchError') throw error;
    const message = (error as Error).message;
    const code = (error as NodeJS.ErrnoException).code;
    const detail = `could not be read from disk (${code && !message.includes(code) ? `${code}: ` : ''}${message})`;
    throw createFetchError({ code: 'network', retryable: false, detail, cause: error }, url.href, 1);
  }
}

async function isUnderRoots(path: string, roots: readonly string[]): Promise<boolean> {
  for (const root of roots) {
    const real = await realpath(resolve(root)).catch(() => null);
    if (real !== null && (path === real || path.startsWith(real.endsWith(sep) ? real : real + sep))) return true;
  }
  return false;
}
