/**
 * Canonical skills: built from O*NET technology-skill examples plus a few technologies and
 * concepts that career pages use and O*NET lacks; word-boundary extraction from text. Pure.
 */
import { slugify } from './text-normalize.js';

/** One O*NET `Technology Skills.txt` row (Example, Commodity Title, Hot Technology, In Demand). */
export interface TechSkillRow {
  example: string;
  commodityTitle: string;
  hot: boolean;
  inDemand: boolean;
}
export interface SkillEntry {
  /** Lowercase slug, stable across sources (`pytorch`, `aws`, `cpp` for C++, `sql`). */
  key: string;
  name: string;
  aliases: string[];
  kind: 'technology' | 'concept';
  commodityTitles: string[];
  hot: boolean;
  inDemand: boolean;
}
interface AliasPattern {
  key: string;
  words: string[];
  strict: boolean;
}
export interface SkillTaxonomy {
  entries: Map<string, SkillEntry>;
  /** Lowercase first word of an alias → the aliases starting with it, longest first. */
  byFirstWord: Map<string, AliasPattern[]>;
}

/** Extra names for O*NET examples whose vendor prefix hides the name people write. */
const CURATED_ALIASES: Record<string, string[]> = {
  'Oracle Java': ['Java'],
  'Microsoft Excel': ['Excel'],
  'The MathWorks MATLAB': ['MATLAB', 'Matlab'],
  'Apache Spark': ['Spark', 'PySpark'],
  'Apache Kafka': ['Kafka'],
  'Apache Hadoop': ['Hadoop'],
  'Apache Hive': ['Hive'],
  'Apache Airflow': ['Airflow'],
  'Salesforce software': ['Salesforce'],
  Go: ['Golang'],
  'Microsoft Azure software': ['Azure'],
  'Google Cloud software': ['Google Cloud', 'GCP'],
  'Amazon Web Services AWS software': ['Amazon Web Services'],
  'Microsoft Power BI': ['Power BI'],
  'Atlassian JIRA': ['Jira'],
  'Rust programming language': ['Rust'],
  'HubSpot software': ['HubSpot'],
  'Jenkins CI': ['Jenkins'],
  'IBM Terraform': ['Terraform'],
  'Google Looker Analytics': ['Looker'],
  'Adobe Creative Cloud software': ['Adobe Creative Cloud', 'Adobe Creative Suite', 'Creative Suite'],
};
/** Technologies career pages name that O*NET 29.2 does not list. */
const EXTRA_TECHNOLOGIES: [string, string[]][] = [
  ['CUDA', ['NVIDIA CUDA']],
  ['ONNX', ['ONNX Runtime']],
  ['TensorRT', []],
  ['Hugging Face', ['HuggingFace']],
  ['LangChain', []],
  ['dbt', []],
  ['Snowflake', []],
  ['Next.js', ['NextJS']],
  ['CircleCI', []],
  ['Apache Superset', ['Superset']],
  ['ZoomInfo', []],
  ['Outreach.io', []],
  ['TCP/IP', []],
  ['HTTP', []],
];
/** Concepts (not products) that career pages mention; used to relate differently-worded skills. */
const CONCEPTS: [string, string[]][] = [
  ['Benchmarking', ['benchmark', 'benchmarks', 'benchmarked']],
  ['Latency', ['latencies', 'low latency']],
  ['Quantization', ['quantisation', 'quantize', 'quantized', 'quantization aware training']],
  ['Knowledge Distillation', ['distillation', 'model distillation']],
  ['Model Pruning', ['pruning']],
  ['Performance Profiling', ['profiling']],
  ['Prompt Engineering', ['prompt design', 'prompting', 'prompt templates']],
  ['Observability', ['monitoring', 'tracing']],
  ['Cost Optimization', ['cost optimisation', 'token economics', 'spend per query', 'cost reduction']],
  ['Model Evaluation', ['evaluation', 'evals', 'multi model evaluation']],
  ['Model Routing', ['routing', 'semantic routing']],
  ['Drift Detection', ['model drift', 'data drift']],
  ['Fallback Design', ['graceful degradation', 'fallback', 'fallbacks']],
  ['Vector Databases', ['vector database', 'vector store', 'embeddings']],
  ['Model Compression', ['compression']],
  ['Neural Architecture Search', ['architecture search']],
];
/**
 * Names that are also everyday words: matched only with their exact capitalization. So are
 * all-caps names (`FAST`, `BASIC`, `SQL`), names of one or two letters (`C`, `R`, `Go`), and
 * one-word O*NET names that are neither hot nor in demand.
 */
const STRICT_WORDS = new Set([
  'go',
  'spark',
  'hive',
  'excel',
  'word',
  'access',
  'teams',
  'slack',
  'box',
  'chef',
  'puppet',
  'swift',
  'rust',
  'ruby',
  'julia',
  'shell',
  'bash',
  'react',
  'express',
  'airflow',
  'windows',
  'outlook',
  'project',
  'snowflake',
  'dash',
  'looker',
  'ada',
  'act',
  'prism',
  'stata',
]);
/**
 * An everyday-word name followed by one of these is the word, not the product: "Act as a trusted
 * advisor", "our Go to Market team" (while "Go and Rust" or a list item "Spark" stay skills).
 */
const PROSE_NEXT = new Set(['to', 'as', 'the', 'a', 'an', 'of', 'for', 'on', 'up', 'out', 'into', 'through', 'ahead']);
const TOKEN = /[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*(?:\+\+|#)?/g;

/** Strips `<script>`/`<style>` with their content, then any tags and entities, from a name. */
export function cleanSkillName(raw: string): string {
  const noTags = (s: string) => s.replace(/<(script|style)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ').replace(/<[^>]*>?/g, ' ');
  return noTags(decodeEntities(noTags(raw)))
    .replace(/[<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function decodeEntities(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return codePointText(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return named[e.toLowerCase()] ?? m;
  });
}

/** A numeric character reference's text; zero, a surrogate or one beyond Unicode reads as U+FFFD, as HTML does. */
function codePointText(n: number): string {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : '\uFFFD';
}

/**
 * Splits a skill phrase into candidate skill names: the parenthetical list, and parts joined by
 * `,` `;` `/` `&` `and` or a spaced dash. `Performance Profiling & Benchmarking (latency,
 * memory, FLOPs)` → Performance Profiling, Benchmarking, latency, memory, FLOPs.
 */
export function splitSkillPhrase(phrase: string): string[] {
  const clean = cleanSkillName(phrase);
  const inner = [...clean.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!);
  const outer = clean.replace(/\([^)]*\)/g, ' ');
  const parts = [outer, ...inner].flatMap((p) => p.split(/\s*[,;/]\s*|\s+(?:&|and)\s+|\s+[-–—]\s+/i));
  const tidy = (p: string) =>
    p
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^(?:and|or|&)\s+/i, '');
  return [...new Set(parts.map(tidy).filter(Boolean))];
}

/**
 * Builds the taxonomy from O*NET technology-skill rows (several rows per example: one per
 * occupation; flags are OR-ed) plus the built-in technologies and concepts.
 */
export function buildSkillTaxonomy(rows: readonly TechSkillRow[]): SkillTaxonomy {
  const entries = new Map<string, SkillEntry>();
  const add = (name: string, aliases: string[], kind: SkillEntry['kind'], row?: TechSkillRow) => {
    const key = slugify(name);
    if (!key) return;
    const e = entries.get(key) ?? entries.set(key, { key, name, aliases: [], kind, commodityTitles: [], hot: false, inDemand: false }).get(key)!;
    for (const a of [name, ...aliases]) if (!e.aliases.includes(a)) e.aliases.push(a);
    if (row && !e.commodityTitles.includes(row.commodityTitle)) e.commodityTitles.push(row.commodityTitle);
    e.hot ||= row?.hot ?? false;
    e.inDemand ||= row?.inDemand ?? false;
  };
  for (const row of rows) {
    const { name, aliases } = deriveNames(row.example.trim());
    add(name, aliases, 'technology', row);
  }
  for (const [name, aliases] of EXTRA_TECHNOLOGIES) add(name, aliases, 'technology');
  for (const [name, aliases] of CONCEPTS) add(name, aliases, 'concept');
  return { entries, byFirstWord: indexAliases(entries) };
}

/**
 * Preferred name and aliases of an O*NET example: `Structured query language SQL` → SQL
 * (acronym after its spelled-out words), `Google Cloud software` → Google Cloud.
 */
function deriveNames(example: string): { name: string; aliases: string[] } {
  const aliases = [example, ...(CURATED_ALIASES[example] ?? [])];
  const base = example.replace(/\s+software$/, '');
  const words = base.split(/\s+/);
  // "Google Cloud software" names a product; "Email software" / "Testing software" do not.
  const product = words.length > 1 ? words.every((w) => /^[A-Z0-9]/.test(w)) : /^.+[A-Z0-9]/.test(base);
  const plain = base !== example && product ? base : example;
  if (plain !== example) aliases.push(plain);
  const at = words.findIndex((w, i) => i > 0 && /^[A-Z]{2,6}$/.test(w) && initials(words.slice(i - w.length, i)) === w);
  if (at > 0) {
    const acronym = words[at]!;
    const short = [...words.slice(0, at - acronym.length), ...words.slice(at)].join(' ');
    aliases.push(short, [...words.slice(0, at), ...words.slice(at + 1)].join(' '));
    return { name: short, aliases };
  }
  const curated = CURATED_ALIASES[example]?.[0];
  return { name: curated && curated.length < plain.length ? curated : plain, aliases };
}

function initials(words: string[]): string {
  return words
    .map((w) => w[0] ?? '')
    .join('')
    .toUpperCase();
}

function tokensOf(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function indexAliases(entries: Map<string, SkillEntry>): Map<string, AliasPattern[]> {
  const index = new Map<string, AliasPattern[]>();
  for (const e of entries.values()) {
    for (const alias of e.aliases) {
      const words = tokensOf(alias);
      if (!words.length) continue;
      const w0 = words[0]!;
      // Rare one-word O*NET names are often plain words ("Square", "Route", "Scheme").
      const rare = e.kind === 'technology' && e.commodityTitles.length > 0 && !e.hot && !e.inDemand;
      const strict = words.length === 1 && (rare || w0.length <= 2 || /^[A-Z0-9]+$/.test(w0) || STRICT_WORDS.has(w0.toLowerCase()));
      const pattern = { key: e.key, words: strict ? words : words.map((w) => w.toLowerCase()), strict };
      const first = words[0]!.toLowerCase();
      (index.get(first) ?? index.set(first, []).get(first)!).push(pattern);
    }
  }
  const rank = (p: AliasPattern) => (entries.get(p.key)!.kind === 'concept' ? 0 : 1);
  for (const list of index.values()) list.sort((a, b) => b.words.length - a.words.length || rank(a) - rank(b));
  return index;
}

/**
 * Canonical keys of the skills a text mentions, in order of first mention. Whole words only
 * (`Go` is not found in "good"), longest alias first; one-letter and everyday-word names
 * (`C`, `R`, `Go`, `Spark`) must match their capitalization and not be part of `R&D`/`C-suite`.
 * HTML in the text is stripped first.
 */
export function extractSkills(text: string, taxonomy: SkillTaxonomy): string[] {
  const clean = text.includes('<') || text.includes('&') ? cleanSkillName(text) : text;
  const found: string[] = [];
  const spans = [...clean.matchAll(TOKEN)].map((m) => ({ raw: m[0], lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));
  for (let i = 0; i < spans.length; ) {
    let used = 1;
    for (const p of taxonomy.byFirstWord.get(spans[i]!.lower) ?? []) {
      if (!p.words.every((w, k) => (p.strict ? spans[i + k]?.raw : spans[i + k]?.lower) === w)) continue;
      if (p.strict && p.words[0]!.length === 1 && /[&'-]/.test((clean[spans[i]!.start - 1] ?? '') + (clean[spans[i]!.end] ?? ''))) continue;
      if (p.strict && p.words.length === 1 && STRICT_WORDS.has(p.words[0]!.toLowerCase()) && PROSE_NEXT.has(spans[i + 1]?.raw ?? '')) continue;
      if (!found.includes(p.key)) found.push(p.key);
      used = p.words.length;
      break;
    }
    i += used;
  }
  return found;
}

const conceptTaxonomy = buildSkillTaxonomy([]);

/** Concept keys (e.g. `benchmarking`, `latency`) a phrase mentions; products are left out. */
export function conceptsOf(phrase: string): string[] {
  return extractSkills(phrase, conceptTaxonomy).filter((k) => conceptTaxonomy.entries.get(k)?.kind === 'concept');
}
