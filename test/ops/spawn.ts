import { spawnCli, type CliProcess } from '../helpers/process.js';

export type Spawned = CliProcess;

/** Runs `careerlens <args>` as its own process with only the given configuration variables. */
export const runCli = spawnCli;

/** Runs a CLI command to its end; resolves with its exit code and output. */
export async function cli(args: string[], env: Record<string, string>): Promise<{ code: number | string; out: string }> {
  const p = spawnCli(args, env);
  const code = await p.exited;
  return { code, out: p.output() };
}
