/**
 * O*NET files that describe the work itself rather than its tools or preparation: Interests
 * (RIASEC occupational-interest scores, 1-7), Work Styles (importance, 1-5) and Task Statements
 * (core and supplemental tasks). They are optional in a release folder or zip: a mirror without
 * them still loads, and its careers simply have no such facts.
 */
import { isOnetSocCode } from '../../../core/soc.js';
import { readSourceTable, type Reject } from '../types.js';

export const OPTIONAL_ONET_FILES = {
  interests: 'Interests.txt',
  workStyles: 'Work Styles.txt',
  tasks: 'Task Statements.txt',
} as const;

/** RIASEC areas in O*NET's order (Element IDs 1.B.1.a … 1.B.1.f). */
export const RIASEC = ['Realistic', 'Investigative', 'Artistic', 'Social', 'Enterprising', 'Conventional'] as const;
export type RiasecArea = (typeof RIASEC)[number];

export interface OnetInterests {
  code: string;
  scores: Record<RiasecArea, number>;
  date: string;
  domainSource: string;
}
export interface OnetWorkStyle {
  code: string;
  name: string;
  importance: number;
  standardError: number | null;
  n: number | null;
}
export interface OnetTask {
  code: string;
  taskId: number;
  task: string;
  type: 'Core' | 'Supplemental' | null;
}

export interface OnetProfiles {
  interests: OnetInterests[];
  workStyles: OnetWorkStyle[];
  tasks: OnetTask[];
  /** Which optional files were present (facts are owned only for those). */
  present: (keyof typeof OPTIONAL_ONET_FILES)[];
}

const C = 'O*NET-SOC Code';

function rowsOf<K extends string>(text: string, file: string, cols: readonly K[], rejects: Reject[]): (Record<K, string> & { line: number })[] {
  const t = readSourceTable(text, file, cols, { delimiter: '\t', quoted: false });
  rejects.push(...t.rejects);
  return t.rows.map((r) => {
    const o = { line: r.line } as Record<K, string> & { line: number };
    for (const c of cols) (o as Record<string, string>)[c] = r.fields[t.index[c]]!.trim();
    return o;
  });
}

const num = (v: string): number | null => (v === '' || v.toLowerCase() === 'n/a' || !Number.isFinite(Number(v)) ? null : Number(v));

/**
 * Parses the optional files present in `files`. Rows for occupations not in `known` are rejects;
 * work-style ratings O*NET recommends suppressing (`Recommend Suppress` = Y) are left out, not
 * shown as facts; an occupation's interests are kept only when all six RIASEC scores are there.
 */
export function parseOnetProfiles(files: Map<string, string>, known: ReadonlySet<string>, rejects: Reject[]): OnetProfiles {
  const out: OnetProfiles = { interests: [], workStyles: [], tasks: [], present: [] };
  const reject = (file: string, line: number, reason: string): void => {
    rejects.push({ file, line, reason });
  };
  const ok = (file: string, r: { line: number } & Record<typeof C, string>): boolean => {
    if (!isOnetSocCode(r[C]) || !known.has(r[C])) {
      reject(file, r.line, `code "${r[C]}" is not an occupation of this release`);
      return false;
    }
    return true;
  };

  const fi = OPTIONAL_ONET_FILES.interests;
  const interestsText = files.get(fi);
  if (interestsText !== undefined) {
    out.present.push('interests');
    const byCode = new Map<string, OnetInterests>();
    for (const r of rowsOf(interestsText, fi, [C, 'Element Name', 'Scale ID', 'Data Value', 'Date', 'Domain Source'], rejects)) {
      if (!ok(fi, r) || r['Scale ID'] !== 'OI') continue; // IH rows restate the ranking of the OI scores
      const area = r['Element Name'] as RiasecArea;
      const v = num(r['Data Value']);
      if (!RIASEC.includes(area) || v === null || v < 1 || v > 7) {
        reject(fi, r.line, `bad RIASEC row "${area}" = "${r['Data Value']}"`);
        continue;
      }
      const rec = byCode.get(r[C]) ?? { code: r[C], scores: {} as Record<RiasecArea, number>, date: r.Date, domainSource: r['Domain Source'] };
      rec.scores[area] = v;
      byCode.set(r[C], rec);
    }
    out.interests = [...byCode.values()].filter((x) => RIASEC.every((a) => typeof x.scores[a] === 'number'));
  }

  const fw = OPTIONAL_ONET_FILES.workStyles;
  const stylesText = files.get(fw);
  if (stylesText !== undefined) {
    out.present.push('workStyles');
    for (const r of rowsOf(stylesText, fw, [C, 'Element Name', 'Scale ID', 'Data Value', 'N', 'Standard Error', 'Recommend Suppress'], rejects)) {
      if (!ok(fw, r) || r['Scale ID'] !== 'IM') continue;
      const v = num(r['Data Value']);
      if (v === null || v < 1 || v > 5) {
        reject(fw, r.line, `importance "${r['Data Value']}" is not 1-5`);
        continue;
      }
      if (r['Recommend Suppress'] === 'Y') continue;
      out.workStyles.push({ code: r[C], name: r['Element Name'], importance: v, standardError: num(r['Standard Error']), n: num(r.N) });
    }
  }

  const ft = OPTIONAL_ONET_FILES.tasks;
  const tasksText = files.get(ft);
  if (tasksText !== undefined) {
    out.present.push('tasks');
    for (const r of rowsOf(tasksText, ft, [C, 'Task ID', 'Task', 'Task Type'], rejects)) {
      if (!ok(ft, r)) continue;
      const id = Number(r['Task ID']);
      if (!Number.isInteger(id) || r.Task === '') {
        reject(ft, r.line, `bad Task ID "${r['Task ID']}" or empty task`);
        continue;
      }
      const type = r['Task Type'] === 'Core' || r['Task Type'] === 'Supplemental' ? r['Task Type'] : null;
      out.tasks.push({ code: r[C], taskId: id, task: r.Task, type });
    }
  }
  return out;
}
