import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupAddress } from 'node:dns';
import { AttemptTimeoutError } from './transport-errors.js';
import { createPinnedLookup } from './url-policy.js';

/** Keep-alive agents owned by one fetcher, so `close()` can drop its idle sockets. */
export interface Agents {
  http: http.Agent;
  https: https.Agent;
}

export interface SendOptions {
  headers: Record<string, string>;
  /** The checked addresses to connect to (see resolveAllowedAddresses). */
  addresses: LookupAddress[];
  /** Connect plus waiting for the response headers, in ms. */
  timeoutMs: number;
  agents: Agents;
  /** Aborting destroys the request with the signal's reason. */
  signal: AbortSignal;
}

/**
 * Sends one GET and resolves with the response once its headers arrived; the body is left
 * unread for the caller. Rejects with AttemptTimeoutError, the signal's reason, or a socket error.
 */
export function sendRequest(url: URL, options: SendOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) return reject(options.signal.reason);
    const isHttps = url.protocol === 'https:';
    const request = (isHttps ? https : http).request(url, {
      method: 'GET',
      headers: options.headers,
      agent: isHttps ? options.agents.https : options.agents.http,
      lookup: createPinnedLookup(options.addresses),
    });
    const timer = setTimeout(() => request.destroy(new AttemptTimeoutError(options.timeoutMs, 'headers')), options.timeoutMs);
    const onAbort = () => request.destroy(options.signal.reason);
    const cleanUp = () => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
    };
    options.signal.addEventListener('abort', onAbort, { once: true });
    request.once('response', (response) => {
      cleanUp();
      // Until the body reader attaches its own listener, an early socket error must not crash the process.
      response.on('error', () => {});
      resolve(response);
    });
    // `on`, not `once`: a late second error after settling must find a listener, not crash the process.
    request.on('error', (error) => {
      cleanUp();
      reject(error);
    });
    request.end();
  });
}

/** Creates the keep-alive agents; sockets are capped by the host limiter, not by the agent. */
export function createAgents(): Agents {
  return { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
}
