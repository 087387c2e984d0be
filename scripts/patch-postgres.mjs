// Applied after every install (npm "postinstall"). postgres.js 3.4.9 defers small writes to a
// setImmediate; when the server goes away meanwhile (a PostgreSQL restart or failover while a
// transaction is open, whose ROLLBACK is then written to a closed connection), that callback
// dereferences a null socket and throws an uncatchable TypeError that kills the whole process
// (porsager/postgres#1154, #1208; fix proposed in #1209, not released). This applies the
// proposed guard: the pending queries are rejected with CONNECTION_CLOSED, which our callers
// already treat as a retryable failure, and the process lives on. It also drops a write still
// buffered when a connection closes, so the reconnected socket does not start with stale bytes
// or never flush (LanternOps/breeze#3225). Idempotent; a postgres version without this code is
// left alone with a warning.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'postgres');
const MARK = 'careerlens: guard a closed socket';
const before = /function nextWrite\(fn\) \{\n(\s*)const x = socket\.write\(chunk, fn\)/;
let patched = 0;
for (const rel of ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js']) {
  const file = path.join(root, rel);
  if (!existsSync(file)) continue;
  const text = readFileSync(file, 'utf8');
  if (text.includes(MARK)) {
    patched++;
    continue;
  }
  if (!before.test(text)) continue;
  const cleared = text.replace(/^(\s*)clearImmediate\(nextWriteTimer\)$/gm, '$1clearImmediate(nextWriteTimer); chunk = nextWriteTimer = null');
  writeFileSync(
    file,
    cleared.replace(before, (_m, indent) =>
      [
        'function nextWrite(fn) {',
        `${indent}if (!socket) { // ${MARK} (porsager/postgres#1208)`,
        `${indent}  chunk = nextWriteTimer = null`,
        `${indent}  error(Errors.connection('CONNECTION_CLOSED', options))`,
        `${indent}  return false`,
        `${indent}}`,
        `${indent}const x = socket.write(chunk, fn)`,
      ].join('\n'),
    ),
  );
  patched++;
}
if (existsSync(root) && patched === 0)
  console.warn('careerlens: postgres.js nextWrite guard not applied (unexpected version); a PostgreSQL restart may crash the process');
