/** Tasks invariants: the counts and the quoted most and least exposed core tasks are each side's own. */
import { labelOf, quoteTask, TASKS_LEAD } from './tasks-text.js';
import type { Comparison } from './types.js';

export function checkTasksSentences(c: Comparison, sentences: readonly string[], out: string[]): void {
  for (const s of sentences) {
    if (!s.startsWith(TASKS_LEAD)) continue;
    const tag = /^Core tasks and AI, ⟨(A|B)⟩:/.exec(s)?.[1];
    if (!tag) {
      out.push(`tasks: sentence names no side: "${s}"`);
      continue;
    }
    const t = (tag === 'A' ? c.a : c.b).tasks.value;
    if (t === null) {
      if (!/: not known/.test(s)) out.push(`tasks: ${tag} has no task data but the text gives some: "${s}"`);
      continue;
    }
    const side = tag === 'A' ? c.a : c.b;
    const est = 'estimatedFrom' in side.tasks ? side.tasks.estimatedFrom : undefined;
    const saysEst = /estimated from ([a-z0-9.-]+), the closest O\*NET occupation/.exec(s)?.[1];
    if (saysEst !== est)
      out.push(
        `tasks: ${tag}'s tasks are ${est ? `estimated from ${est}` : 'its own'}, the text says ${saysEst ? `estimated from ${saysEst}` : 'its own'}: "${s}"`,
      );
    const m = /: (\d+) of (\d+) rated (core tasks|tasks \(O\*NET types none as core\)) exposed/.exec(s);
    if (!m || Number(m[1]) !== t.exposed || Number(m[2]) !== t.rated) out.push(`tasks: ${tag}'s counts are ${t.exposed} of ${t.rated}: "${s}"`);
    else if ((m[3] === 'core tasks') !== (t.scope === 'core')) out.push(`tasks: ${tag}'s task scope is ${t.scope}: "${s}"`);
    const most = /most exposed (“[^”]*”) \(([^)]*)\)/.exec(s);
    const first = t.mostExposed[0];
    if ((most === null) !== (first === undefined) || (most && first && (most[1] !== quoteTask(first) || most[2] !== labelOf(first) || first.label === 'E0'))) {
      out.push(`tasks: ${tag}'s most exposed task is not its first exposed core task: "${s}"`);
    }
    const least = /least exposed (“[^”]*”) \(([^)]*)\)/.exec(s);
    const last = t.leastExposed[0];
    const rank = (l: string) => ({ E1: 0, E2: 1, E0: 2 })[l] ?? 3;
    if ((least === null) !== (last === undefined) || (least && last && (least[1] !== quoteTask(last) || least[2] !== labelOf(last)))) {
      out.push(`tasks: ${tag}'s least exposed task is not its last rated core task: "${s}"`);
    }
    if (first && last && (rank(last.label) < rank(first.label) || first.id === last.id))
      out.push(`tasks: ${tag}'s least exposed task is rated above its most exposed: "${s}"`);
  }
}
