import { spawn, type ChildProcess } from 'node:child_process';

export interface Spawned { child: ChildProcess; output(): string; exited: Promise<number | string> }

/** Runs `careerlens <args>` as its own process with only the given configuration variables. */
export function runCli(args: string[], env: Record<string, string>): Spawned {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|REDIS_URL|PORT|SOURCES_FILE|DATA_DIR|QUEUE_PREFIX|LOG_LEVEL)$/.test(k)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, output: () => out, exited };
}

/** Runs a CLI command to its end; resolves with its exit code and output. */
export async function cli(args: string[], env: Record<string, string>): Promise<{ code: number | string; out: string }> {
  const p = runCli(args, env);
  const code = await p.exited;
  return { code, out: p.output() };
}
