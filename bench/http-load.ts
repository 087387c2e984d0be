/**
 * HTTP load generator run as its own process, so that the client's work does not share the
 * event loop of the server it measures. Input (a JSON file named by argv[2]): base URL, paths
 * (taken in turn), duration, concurrency. Output on stdout: request count, elapsed ms and
 * every latency (ms).
 */
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';

interface LoadSpec {
  base: string;
  paths: string[];
  ms: number;
  concurrency: number;
}

const spec = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as LoadSpec;
const agent = new Agent({ keepAlive: true, maxSockets: spec.concurrency });

function get(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`${url}: HTTP ${res.statusCode}`));
      res.resume();
      res.on('end', resolve);
    })
      .on('error', reject)
      .end();
  });
}

const latencies: number[] = [];
let next = 0;
const started = performance.now();
const until = started + spec.ms;
await Promise.all(
  Array.from({ length: spec.concurrency }, async () => {
    while (performance.now() < until) {
      const t = performance.now();
      await get(spec.base + spec.paths[next++ % spec.paths.length]);
      latencies.push(performance.now() - t);
    }
  }),
);
agent.destroy();
process.stdout.write(JSON.stringify({ n: latencies.length, ms: performance.now() - started, latencies }));
