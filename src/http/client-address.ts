import { isIP } from 'node:net';
import type { TrustProxy } from '../config.js';
import { parseIpAddress } from '../core/ip-address.js';

/**
 * The client's address: the socket's peer, or, when that peer is a trusted proxy, the address
 * the proxies recorded in X-Forwarded-For (read from the right, so a client cannot forge its
 * way past the proxies by sending its own header).
 */
export function clientAddress(peer: string, forwardedFor: string | undefined, trust: TrustProxy): string {
  const chain = (forwardedFor ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => isIP(stripPort(s)) !== 0)
    .map(stripPort);
  if ('hops' in trust) {
    if (trust.hops === 0 || chain.length === 0) return peer;
    return chain[Math.max(0, chain.length - trust.hops)]!;
  }
  const trusted = new Set(trust.addresses.map(normalize));
  let client = peer;
  for (let i = chain.length; trusted.has(normalize(client)) && i > 0; i--) client = chain[i - 1]!;
  return client;
}

/**
 * The rate-limit bucket of an address: IPv4 as is, IPv6 by its /64 (one customer usually holds
 * a whole /64, so counting single addresses would give each client 2^64 budgets).
 */
export function addressBucket(address: string): string {
  const bytes = parseIpAddress(address);
  if (bytes === null) return address.slice(0, 64);
  if (bytes.length === 4) return bytes.join('.');
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) return bytes.slice(12).join('.');
  const groups = [0, 2, 4, 6].map((i) => ((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return `${groups.join(':')}::/64`;
}

function stripPort(s: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(s);
  return v4 ? v4[1]! : s;
}

/** One spelling per address: lower case, IPv4-mapped IPv6 as plain IPv4 (how Node reports dual-stack peers). */
function normalize(address: string): string {
  return address.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}
