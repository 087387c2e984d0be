/**
 * Accuracy of a title matcher on a labelled set: each title with the O*NET-SOC code an analyst
 * chose, or `none` where no occupation fits. Pure: the set and the matcher come in, figures out.
 */
import { parseCsvTable } from './csv.js';
import type { TitleMatch } from './title-match.js';

export interface LabelledTitle {
  title: string;
  /** Where the title was found (`glassdoor`, `survey`, `vercel`). */
  sources: string[];
  /** The expected career id (an O*NET-SOC code), or null for "no occupation fits". */
  expected: string | null;
}

export interface TitleEvaluation {
  total: number;
  /**
   * Titles whose first answer is the label: the matched career, else the first candidate shown
   * to operators; for a `none` label, no match (candidates of an unmatched title are not claims).
   */
  top1: number;
  /** `top1 / total`. */
  top1Accuracy: number;
  /** Titles whose answer is the label: the labelled career, or unmatched for `none`. */
  correct: number;
  /** `correct / total`. */
  accuracy: number;
  /** Titles matched (at or above the threshold) to a career other than the label, `none` included. */
  confidentWrong: number;
  /** `confidentWrong / total`. */
  confidentWrongRate: number;
  /** Labelled titles left unmatched (not wrong, but not found either). */
  unmatched: number;
  /** Every title whose answer differs from its label, for reading the errors. */
  errors: { title: string; expected: string | null; got: string | null; confidence: number | null; method: string | null }[];
}

/** Reads `title,sources,onet_soc_code` (sources separated by `;`, code or `none`). */
export function parseLabelledTitles(csv: string): LabelledTitle[] {
  const table = parseCsvTable(csv);
  const at = (name: string) => {
    const i = table.header.indexOf(name);
    if (i < 0) throw new Error(`labelled titles: no "${name}" column`);
    return i;
  };
  const [title, sources, code] = [at('title'), at('sources'), at('onet_soc_code')];
  return table.rows.map((r) => ({
    title: r.fields[title]!,
    sources: r.fields[sources]!.split(';').filter(Boolean),
    expected: r.fields[code] === 'none' ? null : r.fields[code]!,
  }));
}

/** Runs `match` over the set and counts right answers, confident wrong matches and misses. */
export function evaluateTitles(items: readonly LabelledTitle[], match: (title: string) => TitleMatch): TitleEvaluation {
  let correct = 0;
  let top1 = 0;
  let confidentWrong = 0;
  let unmatched = 0;
  const errors: TitleEvaluation['errors'] = [];
  for (const item of items) {
    const m = match(item.title);
    const got = m.matched ? m.careerId : null;
    const first = m.matched ? m.careerId : item.expected === null ? null : (m.candidates[0]?.careerId ?? null);
    if (first === item.expected) top1++;
    if (got === item.expected) {
      correct++;
      continue;
    }
    if (got !== null) confidentWrong++;
    else unmatched++;
    errors.push({ title: item.title, expected: item.expected, got, confidence: m.matched ? m.confidence : null, method: m.matched ? m.method : null });
  }
  const total = items.length;
  return {
    total,
    top1,
    top1Accuracy: top1 / total,
    correct,
    accuracy: correct / total,
    confidentWrong,
    confidentWrongRate: confidentWrong / total,
    unmatched,
    errors,
  };
}
