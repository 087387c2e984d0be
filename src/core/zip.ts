/**
 * Minimal in-memory zip reader, pure (Buffer in, entries out): stored (0) and deflated (8)
 * entries, CRC-checked. Enough for the O*NET database zip and xlsx workbooks; no zip64, no
 * encryption, no multi-disk archives (each is refused with a ZipFormatError).
 *
 * Inflation is bounded: an entry declaring more than `maxEntryBytes` is refused before any
 * byte is inflated, and zlib stops (`maxOutputLength`) as soon as an entry's output passes
 * the size it declared, so a zip bomb costs at most its declared size in memory.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

export interface ZipEntry {
  /** Path inside the archive, '/'-separated (directories end with '/'). */
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  /** Bytes. */
  compressedSize: number;
  size: number;
  crc32: number;
  isDirectory: boolean;
  /** Inflates and CRC-checks the entry on demand, so picking a few files from a large archive stays cheap. */
  read(): Buffer;
}

/** Largest entry read by default: 64 MiB, ~40× the biggest sheet or O*NET file seen, and small beside a 384 MB worker heap. */
export const DEFAULT_MAX_ENTRY_BYTES = 64 * 2 ** 20;

export interface ZipReadOptions {
  /** Largest uncompressed entry (bytes) that `read()` inflates. */
  maxEntryBytes?: number;
}

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

function findEndOfCentralDirectory(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let at = buf.length - 22; at >= stop; at--) {
    if (buf.readUInt32LE(at) === EOCD_SIG) return at;
  }
  throw new ZipFormatError('not a zip archive (no end-of-central-directory record; truncated or another format)');
}

/** Lists the entries of a zip archive held in memory, in central-directory order. */
export function readZipEntries(buf: Buffer, options: ZipReadOptions = {}): ZipEntry[] {
  const maxEntryBytes = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  if (buf.length < 22) throw new ZipFormatError(`not a zip archive (${buf.length} bytes)`);
  const eocd = findEndOfCentralDirectory(buf);
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) throw new ZipFormatError('multi-disk zip archives are not supported');
  const count = buf.readUInt16LE(eocd + 10);
  const dirSize = buf.readUInt32LE(eocd + 12);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipFormatError('zip64 archives are not supported');
  if (dirOffset + dirSize > eocd) throw new ZipFormatError('central directory lies outside the archive (truncated?)');
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL_SIG) throw new ZipFormatError(`central directory entry ${i} is damaged`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    // Bit 11: the name is UTF-8; otherwise CP437, of which latin1 is a close-enough superset for ASCII names.
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    const entry = { name, method, compressedSize, size, crc32: crc, isDirectory: name.endsWith('/') };
    entries.push({ ...entry, read: () => extractEntry(buf, entry, flags, localOffset, maxEntryBytes) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function extractEntry(buf: Buffer, e: Omit<ZipEntry, 'read'>, flags: number, localOffset: number, maxBytes: number): Buffer {
  if (flags & 0x1) throw new ZipFormatError(`${e.name}: encrypted entries are not supported`);
  if (e.size > maxBytes) throw new ZipFormatError(`${e.name}: declares ${e.size} bytes, more than the ${maxBytes}-byte limit for one entry`);
  if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL_SIG) {
    throw new ZipFormatError(`${e.name}: local header missing (truncated or damaged archive)`);
  }
  const start = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
  const end = start + e.compressedSize;
  if (end > buf.length) throw new ZipFormatError(`${e.name}: data runs past the end of the archive (truncated)`);
  const raw = buf.subarray(start, end);
  let data: Buffer;
  if (e.method === 0) data = raw;
  else if (e.method === 8) {
    try {
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ZipFormatError(`${e.name}: inflates past its declared ${e.size} bytes (a zip bomb or a damaged archive); stopped there`);
      }
      throw new ZipFormatError(`${e.name}: cannot inflate (${(err as Error).message})`);
    }
  } else throw new ZipFormatError(`${e.name}: compression method ${e.method} is not supported`);
  if (data.length !== e.size || crc32(data) >>> 0 !== e.crc32) throw new ZipFormatError(`${e.name}: size or CRC mismatch (damaged archive)`);
  return data;
}

/**
 * Writes a minimal zip archive (method 8 = deflate, or 0 = stored), for building test fixtures
 * and re-packing; names are stored as UTF-8. The inverse of readZipEntries.
 */
export function createZip(files: readonly { name: string; data: Buffer | string; method?: 0 | 8 }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const data = Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data, 'utf8');
    const method = f.method ?? 8;
    const body = method === 8 ? deflateRawSync(data) : data;
    const name = Buffer.from(f.name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(LOCAL_SIG, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x800, 6);
    head.writeUInt16LE(method, 8);
    head.writeUInt32LE(crc32(data) >>> 0, 14);
    head.writeUInt32LE(body.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(name.length, 26);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(CENTRAL_SIG, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x800, 8);
    cen.writeUInt16LE(method, 10);
    cen.writeUInt32LE(crc32(data) >>> 0, 16);
    cen.writeUInt32LE(body.length, 20);
    cen.writeUInt32LE(data.length, 24);
    cen.writeUInt16LE(name.length, 28);
    cen.writeUInt32LE(offset, 42);
    locals.push(head, name, body);
    centrals.push(cen, name);
    offset += 30 + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD_SIG, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
