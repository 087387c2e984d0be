import { promises as dns, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import type { AttemptFailure } from './fetch-error.js';
import { ALWAYS_BLOCKED, classifyAddress } from '../../core/ip-address.js';

/** Resolves a host name to every address it has (A and AAAA). Injectable for tests. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

/** Which URLs the operator lets sources reach. */
export interface UrlPolicy {
  /** Legacy switch: every host may be private (never metadata, link-local or reserved). */
  allowPrivateNetworks: boolean;
  /** Hosts allowed to be private: "host:port", or "host" for any port of that host, e.g. a local mirror. */
  allowHosts: readonly string[];
  resolveHost: ResolveHost;
}

/** True when the operator listed this URL's host (with or without its port) as a private source. */
export function isListedHost(url: URL, allowHosts: readonly string[]): boolean {
  const host = url.host.toLowerCase();
  const name = url.hostname.toLowerCase();
  return allowHosts.some((entry) => {
    const e = entry.trim().toLowerCase();
    return e === host || e === name || (e.includes(':') && !e.startsWith('[') && `[${e}]` === name);
  });
}

/** The system resolver (getaddrinfo, so /etc/hosts counts), all addresses in resolver order. */
export const resolveWithSystem: ResolveHost = async (hostname) => (await dns.lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** Refuses any scheme but http:, https: and (when allowed) file:. Redirects pass `allowFile: false`. */
export function checkScheme(url: URL, allowFile: boolean, fromRedirect = false): AttemptFailure | null {
  if (url.protocol === 'http:' || url.protocol === 'https:') return null;
  if (url.protocol === 'file:' && allowFile) return null;
  const allowed = allowFile ? 'http:, https: and file:' : 'http: and https:';
  if (url.protocol === 'file:' && !allowFile && !fromRedirect) {
    return { code: 'bad-scheme', retryable: false, detail: 'was refused: file: URLs are read only under FILE_SOURCES_DIR, which is not set' };
  }
  return { code: 'bad-scheme', retryable: false, detail: `was refused: scheme ${url.protocol} is not allowed here (only ${allowed})` };
}

/**
 * Resolves the URL's host and checks every address it resolves to (one private answer among
 * public ones is enough to refuse, since the connection could pick it). Returns the checked
 * addresses, which the request must then connect to (see {@link createPinnedLookup}) so a
 * second DNS answer cannot swap in a private address after the check (DNS rebinding).
 */
export async function resolveAllowedAddresses(url: URL, policy: UrlPolicy): Promise<{ addresses: LookupAddress[] } | { failure: AttemptFailure }> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(hostname) ? [hostname] : await policy.resolveHost(hostname);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'lookup failed';
    return { failure: { code: 'network', retryable: true, detail: `could not resolve ${hostname} (${code})`, cause: error } };
  }
  if (addresses.length === 0) {
    return { failure: { code: 'network', retryable: true, detail: `could not resolve ${hostname} (no addresses)` } };
  }
  const trusted = policy.allowPrivateNetworks || isListedHost(url, policy.allowHosts);
  for (const address of addresses) {
    const kind = classifyAddress(address);
    if (kind === 'public' || (trusted && !ALWAYS_BLOCKED.has(kind))) continue;
    const detail = ALWAYS_BLOCKED.has(kind)
      ? `was refused before connecting: ${hostname} resolves to ${address} (${kind}), which no source may reach`
      : `was refused before connecting: ${hostname} resolves to ${address} (${kind}); ` +
        "list the host in the source's allowPrivateHosts or in PRIVATE_SOURCE_HOSTS to allow it";
    return { failure: { code: 'blocked-url', retryable: false, detail } };
  }
  return { addresses: addresses.map((address) => ({ address, family: isIP(address) === 6 ? 6 : 4 })) };
}

/** A `lookup` for node:http that answers only with the already-checked addresses. */
export function createPinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = typeof options === 'object' ? options.family : options;
    const family = wanted === 'IPv4' ? 4 : wanted === 'IPv6' ? 6 : wanted;
    const matching = addresses.filter((a) => !family || family === a.family);
    const chosen = matching.length > 0 ? matching : addresses;
    const first = chosen[0];
    if (typeof options === 'object' && options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, chosen);
    if (!first) return callback(Object.assign(new Error('no checked address'), { code: 'ENOTFOUND' }), '', 4);
    callback(null, first.address, first.family);
  };
}
