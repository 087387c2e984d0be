/**
 * Job title as a posting writes it → the title of the job plus what the rest says about the
 * posting: "Sr. Data Scientist II - Remote (US), Contract" → "Data Scientist" with seniority
 * senior, level II, remote, location US, employment contract. Matching reads the title; the
 * attributes travel with the posting and survey facts (salary by seniority, remote share). Pure.
 */
import {
  EMPLOYMENT_WORDS,
  PLACE_WORDS,
  REMOTE_WORDS,
  ROMAN_LEVELS,
  SENIORITY_WORDS,
  TITLE_ABBREVIATIONS,
  type Employment,
  type Seniority,
} from './title-vocabulary.js';

export { SENIORITIES, type Employment, type Seniority } from './title-vocabulary.js';

export interface TitleAttributes {
  seniority: Seniority | null;
  /** Grade within the career (`II`, `3`, `I/II`), as written. */
  level: string | null;
  /** Place named in the title (`APAC`, `Europe`, `Charlotte`), as written. */
  location: string | null;
  remote: 'remote' | 'hybrid' | null;
  employment: Employment | null;
  /** Team, product or specialty split off the title (`Observability`, `Edge Network`). */
  qualifiers: string[];
}

export type TitleRejection = 'empty' | 'too-long' | 'no-letters' | 'unsupported-script';
export type NormalizedJobTitle =
  | { ok: true; title: string; alternatives: string[]; attributes: TitleAttributes }
  | { ok: false; reason: TitleRejection; detail: string };

/** Longer than any real title (the longest in the shared postings is 128): a description pasted into the field. */
export const MAX_TITLE_LENGTH = 200;

/** Words that name a role: a part of the title ending in one is a title on its own. */
const ROLE_END = /(?:ist|yst|ian|er|or|ant|ent|ect|ive|ate|ee|lead|head|officer|chief|nurse|clerk|aide|partner|staff|intern)$/i;
const JOINERS = new Set(['and', 'or', '&', 'based', 'only']);
const MANAGEMENT_NEXT = /^(director|manager|vice|vp|dean|professor|partner|general)$/i;

/** Reads a free-text job title; rejects what cannot be a title with a reason instead of guessing. */
export function normalizeJobTitle(raw: string): NormalizedJobTitle {
  const text = raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (!text) return { ok: false, reason: 'empty', detail: 'the title is empty' };
  if (text.length > MAX_TITLE_LENGTH) return { ok: false, reason: 'too-long', detail: `${text.length} characters; a title has at most ${MAX_TITLE_LENGTH}` };
  // Most titles are plain ASCII: the Unicode checks (slow per character) are for the rest.
  const ascii = /^[\x20-\x7e]*$/.test(text);
  const rejected = ascii ? (/[A-Za-z]/.test(text) ? null : 'no-letters') : checkScript(text);
  if (rejected === 'no-letters') return { ok: false, reason: 'no-letters', detail: 'no letters (punctuation, digits or emoji only)' };
  if (rejected) return { ok: false, reason: rejected, detail: 'titles are matched in Latin script only' };
  const attributes: TitleAttributes = { seniority: null, level: null, location: null, remote: null, employment: null, qualifiers: [] };
  const clean = ascii
    ? text.replace(/[^A-Za-z0-9 &+#.,\-|/()[\]:;@']/g, ' ').replace(/\s+/g, ' ')
    : text.replace(/[^\p{Script=Latin}\p{N}\s&+#.,\-–—|/()[\]:;@']/gu, ' ').replace(/\s+/g, ' ');
  const { rest, inner } = splitParentheticals(clean);
  const [head = '', ...tail] = splitSegments(rest);
  for (const segment of [...tail, ...inner]) readSegment(segment, attributes);
  let title = readHead(head, attributes);
  // "Director, Data Science" / "Data Scientist, Senior": the role is in the next part.
  if (!title && attributes.qualifiers.length) title = readHead(attributes.qualifiers.shift()!, attributes);
  else if (isRankOnly(title) && attributes.qualifiers.length) {
    const next = attributes.qualifiers.shift()!;
    // A rank beside a named role ranks it ("Manager, Safety Scientist"); beside a field it is the job ("Director, Data Science").
    if (ROLE_END.test(next.split(' ').at(-1)!)) {
      attributes.seniority ??= /director|president/i.test(title) ? 'director' : 'manager';
      title = readHead(next, attributes);
    } else title = `${next} ${title}`;
  } else if (!ROLE_END.test(title.split(' ').at(-1) ?? '')) {
    // "IT - Data Engineer II", "Analytics - Business Assurance Data Analyst": the first part names a
    // department, the role comes after it; the department stays as a qualifier.
    const at = attributes.qualifiers.findIndex(
      (q) =>
        q.includes(' ') &&
        ROLE_END.test(
          q
            .replace(/\s+(?:[ivx]{1,3}|\d{1,2})$/i, '')
            .split(' ')
            .at(-1)!,
        ) &&
        !isRankOnly(q),
    );
    if (at >= 0) {
      const [role] = attributes.qualifiers.splice(at, 1);
      attributes.qualifiers.unshift(title);
      title = readHead(role!, attributes);
    }
  }
  const [first = '', ...alternatives] = slashAlternatives(title);
  if (!first) return { ok: false, reason: 'no-letters', detail: 'nothing but seniority, place or employment words' };
  return { ok: true, title: first, alternatives, attributes };
}

/** Non-ASCII text: letters must be there, and mostly Latin. */
function checkScript(text: string): TitleRejection | null {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 'no-letters';
  const latin = letters.filter((c) => /\p{Script=Latin}/u.test(c)).length;
  return latin * 2 < letters.length ? 'unsupported-script' : null;
}

/** Pulls out `(…)` and `[…]`; an acronym of the words before it (`Machine Learning (ML) Engineer`) is dropped. */
function splitParentheticals(text: string): { rest: string; inner: string[] } {
  const inner: string[] = [];
  let rest = text.replace(/[([]([^()[\]]*)[)\]]/g, (_m, body: string, at: number) => {
    const words = text
      .slice(0, at)
      .trim()
      .split(/[\s&]+/)
      .filter(Boolean);
    const b = body.trim();
    const initials = words
      .slice(-b.length)
      .map((w) => w[0]!.toUpperCase())
      .join('');
    if (!/^[A-Z]{2,6}$/.test(b) || initials !== b) inner.push(b);
    return ' ';
  });
  const open = rest.search(/[([]/); // unclosed: "Sales Engineer (Bay"
  if (open >= 0) {
    inner.push(rest.slice(open + 1));
    rest = rest.slice(0, open);
  }
  return { rest: rest.replace(/[)\]]/g, ' '), inner: inner.filter((s) => s.trim()) };
}

/** Splits on `,` `;` `:` `|` `@`, dashes with a space on either side, and `Role-Qualifier` hyphens. */
function splitSegments(text: string): string[] {
  return text
    .replace(/([A-Za-z\u00c0-\u024f]+)-(?=[A-Z\u00c0-\u00de])/g, (m, word: string) => (ROLE_END.test(word) && word.length > 3 ? `${word} | ` : m))
    .split(/\s*[,;:|@–—]\s*|\s+-+\s*|\s*-+\s+|\s+(?:with|for)\s+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** One part after the title: seniority, employment, remote, place, or else a team/product qualifier. */
function readSegment(segment: string, a: TitleAttributes): void {
  let words = tokens(segment);
  words = takePhrases(words, EMPLOYMENT_WORDS, (v) => {
    a.employment ??= v;
  });
  words = takePhrases(words, REMOTE_WORDS, (v) => {
    a.remote ??= v;
  });
  words = takePhrases(words, SENIORITY_WORDS, (v) => {
    a.seniority ??= v;
  });
  if (words.length && words.every((w) => ROMAN_LEVELS.has(w.toLowerCase()) || /^\d$/.test(w))) {
    a.level ??= words.join(' ');
    return;
  }
  if (!words.length) return;
  if (isPlace(words)) {
    a.location ??= words.filter((w) => !JOINERS.has(w.toLowerCase())).join(' ');
    return;
  }
  a.qualifiers.push(withoutUnitWords(words).join(' '));
}

/** Words that name an organisational unit around a field: "Machine Learning Department", "Office of Data Science". */
const UNIT_WORDS = /^(?:department|dept|group|team|office|division|unit|institute|center|centre|practice)$/i;

/** A team qualifier without its unit words ("Data Analytics Group" → "Data Analytics"), never emptied. */
function withoutUnitWords(words: string[]): string[] {
  let out = words;
  if (out.length > 2 && UNIT_WORDS.test(out[0]!) && /^of$/i.test(out[1]!)) out = out.slice(2);
  if (out.length > 1 && UNIT_WORDS.test(out.at(-1)!)) out = out.slice(0, -1);
  return out;
}

/** The title part: seniority and grade words and employment words come off, abbreviations expand. */
function readHead(segment: string, a: TitleAttributes): string {
  let words = tokens(segment);
  // Level: "Data Engineer II", "Analyst Level 3", "Scientist I/II".
  const last = words.at(-1);
  if (last && words.length > 1 && (/^(?:i{1,3}|iv|v|vi)(?:\/(?:i{1,3}|iv|v))?$/i.test(last) || /^\d{1,2}$/.test(last))) {
    a.level ??= last;
    words = words.slice(0, -1);
    if (words.at(-1)?.toLowerCase() === 'level') words = words.slice(0, -1);
  }
  // Employment and remote words anywhere, as long as a title is left ("Contract Specialist" is a career).
  if (words.length > 2 || !ROLE_END.test(words.at(-1) ?? ''))
    words = takePhrases(
      words,
      EMPLOYMENT_WORDS,
      (v) => {
        a.employment ??= v;
      },
      2,
    );
  words = takePhrases(
    words,
    REMOTE_WORDS,
    (v) => {
      a.remote ??= v;
    },
    1,
  );
  words = stripSeniority(words, a);
  // "Head of Data Science" is the manager of that field.
  if (a.seniority === 'head' && !ROLE_END.test(words.at(-1) ?? '')) words = [...words, 'Manager'];
  return words.flatMap((w) => (TITLE_ABBREVIATIONS.get(w.replace(/\.$/, '')) ?? w).split(' ')).join(' ');
}

/** Leading and trailing seniority words ("Senior Staff …", "… Lead", "Head of …"); the title is never emptied. */
function stripSeniority(words: string[], a: TitleAttributes): string[] {
  let out = words;
  for (;;) {
    const lead = phraseAt(out, 0, SENIORITY_WORDS);
    // "Chief Data Officer" is the officer's title, not a seniority of a Data Officer.
    if (lead?.value === 'executive' && /^officer$/i.test(out.at(-1) ?? '')) {
      a.seniority ??= 'executive';
      break;
    }
    if (lead && out.length > lead.length) {
      if (lead.value === 'head' && a.seniority !== null) a.seniority = 'head';
      a.seniority ??= lead.value;
      out = out.slice(lead.length);
      continue;
    }
    if (out.length > 2 && out[0]!.toLowerCase() === 'associate') {
      if (!MANAGEMENT_NEXT.test(out[1]!)) a.seniority ??= 'junior';
      out = out.slice(1);
      continue;
    }
    break;
  }
  const tail = out.at(-1)?.toLowerCase().replace(/\.$/, '');
  const v = tail ? SENIORITY_WORDS.get(tail) : undefined;
  if (v && out.length > 2) {
    a.seniority ??= v;
    out = out.slice(0, -1);
  }
  return out;
}

/** A title that is only a rank ("Director", "Manager", "Associate"): the role is in the qualifier. */
function isRankOnly(title: string): boolean {
  return /^(?:(?:associate|assistant|senior|sr\.?|managing) )?(?:director|manager|associate|consultant|vice president|principal|partner)(?:\/(?:director|manager))?$/i.test(
    title.replace(/\s*\/\s*/g, '/'),
  );
}

/**
 * `Data Analyst / Scientist` → Data Analyst, Data Scientist; `Molecular/Cellular Biologist` →
 * Cellular Biologist, Molecular Biologist; `Data Scientist/ML Engineer` → both as written.
 */
function slashAlternatives(title: string): string[] {
  const joined = title.split(/\s+(?:and|&)\s+/);
  if (joined.length > 1 && joined.every((p) => ROLE_END.test(p.split(' ').at(-1)!) && p.includes(' '))) return joined;
  const parts = title
    .split(/\s*\/\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return parts;
  const first = parts[0]!;
  const firstWords = first.split(' ');
  if (ROLE_END.test(firstWords.at(-1)!)) {
    // Whole titles, or a role word standing in for the first title's last word.
    return parts.map((p) => (p.includes(' ') || firstWords.length < 2 ? p : [...firstWords.slice(0, -1), p].join(' ')));
  }
  const last = parts.at(-1)!;
  const role = last.split(' ').at(-1)!;
  return [last, ...parts.slice(0, -1).map((p) => `${p} ${role}`)];
}

function tokens(text: string): string[] {
  return text
    .split(/\s+/)
    .map((w) => w.replace(/^[.'-]+|[,'-]+$/g, ''))
    .filter((w) => /[A-Za-z0-9+#/\u00c0-\u024f]/.test(w));
}

const keys = new Map<string, string>();

/** A word as the vocabulary spells it (lowercase, no trailing dot, hyphens as spaces); memoized: titles reuse few words. */
function key(w: string): string {
  let k = keys.get(w);
  if (k === undefined) {
    if (keys.size > 20_000) keys.clear();
    keys.set(w, (k = w.toLowerCase().replace(/\.$/, '').replace(/-/g, ' ')));
  }
  return k;
}

/** First words of the tables' phrases: most words start none, and are skipped without building phrases. */
const starts = new WeakMap<ReadonlyMap<string, unknown>, Set<string>>();

function phraseAt<T>(words: readonly string[], at: number, table: ReadonlyMap<string, T>): { value: T; length: number } | null {
  let first = starts.get(table);
  if (!first) starts.set(table, (first = new Set([...table.keys()].map((k) => k.split(' ')[0]!))));
  const w0 = key(words[at]!);
  if (!first.has(w0.split(' ')[0]!)) return null;
  for (let n = Math.min(3, words.length - at); n >= 1; n--) {
    const value = table.get(n === 1 ? w0 : [w0, ...words.slice(at + 1, at + n).map(key)].join(' '));
    if (value !== undefined) return { value, length: n };
  }
  return null;
}

/** Removes every phrase of `table` from `words` (reporting each), keeping at least `keep` words. */
function takePhrases<T>(words: string[], table: ReadonlyMap<string, T>, found: (v: T) => void, keep = 0): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    const hit = phraseAt(words, i, table);
    if (hit && words.length - hit.length >= keep) {
      found(hit.value);
      i += hit.length;
    } else out.push(words[i++]!);
  }
  return out.length >= keep ? out : words;
}

/** Every word a place or a joining word, at least one a place; two-letter codes only in capitals (`CA`, not `ca`). */
function isPlace(words: readonly string[]): boolean {
  let places = 0;
  for (const w of words) {
    const k = w.toLowerCase().replace(/\./g, '');
    if (JOINERS.has(k)) continue;
    if (!PLACE_WORDS.has(k) || (k.length === 2 && w !== w.toUpperCase())) return false;
    places++;
  }
  return places > 0;
}
