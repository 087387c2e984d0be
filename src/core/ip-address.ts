/**
 * Address classes; everything but `public` is refused unless the operator lists the host as a
 * private source, because a source URL must never reach into our own network (SSRF). Some
 * classes are refused even then (see {@link ALWAYS_BLOCKED}).
 */
export const ADDRESS_CLASSES = [
  'public',
  'loopback',
  'private',
  'link-local',
  'cgnat',
  'unique-local',
  'unspecified',
  'metadata',
  'multicast',
  'reserved',
] as const;

export type AddressClass = (typeof ADDRESS_CLASSES)[number];

/**
 * Never reachable, whatever the operator allows: instance metadata and link-local (cloud
 * credentials live there), multicast, the unspecified address (Linux connects it to the local
 * host) and reserved ranges (documentation, discard, translation prefixes we cannot map back).
 */
export const ALWAYS_BLOCKED: ReadonlySet<AddressClass> = new Set(['metadata', 'link-local', 'unspecified', 'multicast', 'reserved']);

interface Range {
  bytes: number[];
  bits: number;
  kind: AddressClass;
}

// Order matters: the first matching range wins, so the narrow metadata hosts come first.
const V4_RANGES: Array<[string, AddressClass]> = [
  ['169.254.169.254/32', 'metadata'], // AWS, GCP, Azure, OpenStack, Oracle instance metadata
  ['100.100.100.200/32', 'metadata'], // Alibaba Cloud instance metadata
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'cgnat'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'reserved'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved'],
  ['198.51.100.0/24', 'reserved'],
  ['203.0.113.0/24', 'reserved'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'], // includes broadcast 255.255.255.255
];

const V6_RANGES: Array<[string, AddressClass]> = [
  ['fd00:ec2::254/128', 'metadata'], // AWS instance metadata over IPv6
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'private'], // deprecated site-local
  ['fc00::/7', 'unique-local'],
  ['ff00::/8', 'multicast'],
  ['100::/64', 'reserved'], // discard-only
  ['64:ff9b:1::/48', 'reserved'], // local-use IPv4/IPv6 translation (RFC 8215): the IPv4 behind it is the operator's own
  ['2001::/32', 'reserved'], // Teredo: tunnels to an IPv4 host we cannot judge
  ['2001:db8::/32', 'reserved'], // documentation
];

const compiledV4 = V4_RANGES.map(([cidr, kind]) => compileRange(cidr, kind));
const compiledV6 = V6_RANGES.map(([cidr, kind]) => compileRange(cidr, kind));

/** Parses a literal IPv4 or IPv6 address (zone ids ignored) into 4 or 16 bytes; null if not one. */
export function parseIpAddress(text: string): number[] | null {
  const address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  return address.includes(':') ? parseIpv6(address) : parseIpv4(address);
}

/**
 * Classifies an IP literal. IPv6 forms that embed an IPv4 address (mapped ::ffff:a.b.c.d,
 * translated ::ffff:0:a.b.c.d, NAT64 64:ff9b::/96, IPv4-compatible ::a.b.c.d, 6to4 2002::/16) are judged by that IPv4
 * address, since that is where the packets end up. Unparseable input is `reserved` (refused).
 */
export function classifyAddress(ip: string): AddressClass {
  const bytes = parseIpAddress(ip);
  if (bytes === null) return 'reserved';
  if (bytes.length === 4) return matchRange(bytes, compiledV4);
  const embedded = extractEmbeddedIpv4(bytes);
  if (embedded !== null) return matchRange(embedded, compiledV4);
  return matchRange(bytes, compiledV6);
}

function extractEmbeddedIpv4(bytes: number[]): number[] | null {
  const allZero = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (allZero(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12);
  // IPv4-translated ::ffff:0:a.b.c.d (SIIT, RFC 6052 §2.1 / RFC 7915).
  if (allZero(0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && allZero(10, 12)) return bytes.slice(12);
  const nat64 = [0x00, 0x64, 0xff, 0x9b];
  if (nat64.every((b, i) => bytes[i] === b) && allZero(4, 12)) return bytes.slice(12);
  // IPv4-compatible ::a.b.c.d, but not :: or ::1 themselves.
  if (allZero(0, 12) && !allZero(12, 14)) return bytes.slice(12);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6);
  return null;
}

function matchRange(bytes: number[], ranges: Range[]): AddressClass {
  for (const range of ranges) if (startsWithPrefix(bytes, range.bytes, range.bits)) return range.kind;
  return 'public';
}

function startsWithPrefix(bytes: number[], prefix: number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const take = Math.min(8, bits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    const index = bit / 8;
    if (((bytes[index] ?? 0) & mask) !== ((prefix[index] ?? 0) & mask)) return false;
  }
  return true;
}

function compileRange(cidr: string, kind: AddressClass): Range {
  const [address = '', bits = ''] = cidr.split('/');
  const bytes = parseIpAddress(address);
  if (bytes === null) throw new Error(`bad built-in range ${cidr}`);
  return { bytes, bits: Number(bits), kind };
}

function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : NaN));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : null;
}

function parseIpv6(text: string): number[] | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

/** Hex groups of one side of "::"; a trailing dotted IPv4 counts as two groups. */
function parseGroups(text: string): number[] | null {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === null) return null;
      groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    } else if (/^[0-9a-f]{1,4}$/i.test(part)) {
      groups.push(parseInt(part, 16));
    } else return null;
  }
  return groups;
}
