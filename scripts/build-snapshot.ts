/**
 * `npm run snapshot:build`: rebuilds the bundled snapshot (snapshot/) from ../shared/data.
 *
 * Only sources whose licence allows redistribution go in, and of those only the files the
 * adapters read (the newest national OEWS year, the O*NET text files the onet-database adapter
 * parses, ...). Each file is stored brotli-compressed with its size and sha256 as published;
 * each source with its publisher, release, where it was copied from, the licence text and the
 * citation the publisher asks for. Licence texts live in snapshot/licences/ (see licenceTextPath
 * in src/core/attribution.ts): written by hand where ../shared/data has no copy, else compressed
 * from the publisher's own copy by this script (GENERATED_LICENCES).
 */
import { brotliCompressSync, constants } from 'node:zlib';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ATTRIBUTIONS, licenceTextPath } from '../src/core/attribution.js';
import { ONET_FILES } from '../src/ingest/sources/onet-database/parse.js';
import { OPTIONAL_ONET_FILES } from '../src/ingest/sources/onet-database/profile.js';
import { snapshotManifestSchema, snapshotUrl, type SnapshotSource } from '../src/ingest/snapshot/manifest.js';
import type { SourceKind } from '../src/db/schema/sources.js';

const dataDir = path.resolve(process.env.SHARED_DATA_DIR ?? path.resolve(import.meta.dirname, '../../shared/data'));
const outDir = path.resolve(import.meta.dirname, '../snapshot');
const RETRIEVED = '2026-11-30';
const CROSSWALK = { folder: 'onet-soc-2010-to-2019-crosswalk', name: '2010_to_2019_Crosswalk.csv' };

interface Plan {
  id: string;
  kind: SourceKind;
  release: string;
  copiedFrom: string;
  folder: string;
  /** The file the source's URL names (first), then the others it reads. */
  files: { folder?: string; name: string }[];
  /** Options of the snapshot run; `crosswalk` becomes the crosswalkUrl option. */
  options?: Record<string, unknown>;
  crosswalk?: boolean;
  /** The URL names the folder (onet-database reads a folder of files). */
  folderUrl?: boolean;
}

const plans: Plan[] = [
  {
    id: 'onet',
    kind: 'onet-database',
    release: 'O*NET 29.2 (February 2025)',
    folder: 'onet-29.2',
    folderUrl: true,
    copiedFrom:
      'onetcenter.org db_29_2_text.zip, as unpacked in GitHub nolanbrennan/O-Net-imports at d939b94000ab6768170033bc2f7e8a06c9529f70 (byte-identical); only the files the onet-database adapter reads (with interests, work styles and task statements)',
    files: [...Object.values(ONET_FILES), ...Object.values(OPTIONAL_ONET_FILES), 'Read Me.txt'].map((name) => ({ name })),
  },
  {
    id: 'onet-ratings',
    kind: 'onet-ratings',
    release: 'O*NET 29.0 (August 2024)',
    folder: 'onet-29.0-excel',
    folderUrl: true,
    copiedFrom:
      'onetcenter.org db_29_0_excel.zip (Skills.xlsx, Knowledge.xlsx, Read Me.txt), via GitHub Allan-Ofula/SmartPath-Personalized-Career-Recommendation-Engine app/data/ at c0dd0f9d3af4c8c9f15d10a4d7a796c6c4e072c3 (byte-identical)',
    files: ['Skills.xlsx', 'Knowledge.xlsx', 'Read Me.txt'].map((name) => ({ name })),
  },
  {
    id: 'oews',
    kind: 'oews-wages',
    release: 'May 2024',
    folder: 'bls-oews-national',
    copiedFrom:
      'BLS oesm24nat.zip national_M2024_dl.xlsx, via GitHub jj-squared/AI_jobs_impact at 711913992677963609eb2dd2e3bc4b8c56f8241e (byte-identical, pristine BLS metadata); the newest national year only',
    files: [{ name: 'national_M2024_dl.xlsx' }],
  },
  {
    id: 'bls-projections',
    kind: 'employment-projections',
    release: '2024–34',
    folder: 'bls-employment-projections',
    copiedFrom:
      'CSV export of the BLS occupational projections search tool (data.bls.gov/projections/occupationProj), via GitHub kim-cates/modeling_employment_decline at 417593a05bd3c165f3cfbcbf0b2208852f779824 (byte-identical); the newest projections only',
    files: [{ name: 'Employment Projections 2024-34.csv' }],
  },
  {
    id: 'indeed-postings',
    kind: 'postings-index',
    release: '2020-02-01 to 2024-09-27 (sector file of 2024-10-03)',
    folder: 'indeed-hiring-lab',
    copiedFrom: 'GitHub hiring-lab/job_postings_tracker, US/job_postings_by_sector_US.csv at 6594f59ac3ccca4fd767bd151e65e609189c0fae (byte-identical)',
    files: [{ name: 'job_postings_by_sector_US.csv' }],
  },
  {
    id: 'gpts-are-gpts',
    kind: 'ai-exposure',
    release: '2023 (occ_level.csv)',
    folder: 'gpts-are-gpts-ai-exposure',
    copiedFrom: 'GitHub openai/GPTs-are-GPTs, data/occ_level.csv at 0471612fef3cc22b74fb884d27bff9dbd3770582 (byte-identical)',
    files: [{ name: 'occ_level.csv' }],
    options: { method: 'gpts-are-gpts' },
  },
  {
    id: 'gpts-are-gpts-tasks',
    kind: 'ai-exposure',
    release: '2023 (full_labelset.tsv)',
    folder: 'gpts-are-gpts-ai-exposure',
    copiedFrom: 'GitHub openai/GPTs-are-GPTs, data/full_labelset.tsv at 0471612fef3cc22b74fb884d27bff9dbd3770582 (byte-identical)',
    files: [{ name: 'full_labelset.tsv' }],
    options: { method: 'gpts-are-gpts-tasks' },
  },
  {
    id: 'dingel-neiman',
    kind: 'telework',
    release: '2020 (occupations_workathome.csv)',
    folder: 'dingel-neiman-teleworkability',
    copiedFrom:
      'GitHub jdingel/DingelNeiman-workathome, occ_onet_scores/output/occupations_workathome.csv at 3ebab4f646ed45b01162ecd7794f00a518932c53 (byte-identical); with the O*NET-SOC 2010 → 2019 crosswalk of the O*NET Resource Center (CC BY 4.0; copy in GitHub KarolinaBohdan/SEMESTER-PROJECT at 99696ab1f73fbff686fff0445c1bd965c1e84cfa, headers renamed)',
    files: [{ name: 'occupations_workathome.csv' }, { folder: CROSSWALK.folder, name: CROSSWALK.name }],
    crosswalk: true,
  },
  {
    id: 'ai-jobs-salaries',
    kind: 'salary-survey',
    release: 'snapshot of February 2023 (work years 2020–2023)',
    folder: 'ai-jobs-net-salaries',
    copiedFrom:
      'ai-jobs.net Salaries download, via GitHub FarnooshKoleini/ML-AI-salaries-team-project, salaries.csv at 6004127500b25622300a997a9f012a074d402b85 (2023-02-15, byte-identical)',
    files: [{ name: 'salaries.csv' }],
  },
];

function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** Licence texts taken from a publisher's copy in ../shared/data, stored compressed like the data. */
const GENERATED_LICENCES: Record<string, string> = {
  // Indeed Hiring Lab ships the Creative Commons Attribution 4.0 legal code with its data.
  'CC-BY-4.0.txt.br': 'indeed-hiring-lab/LICENSE',
};

function build(): void {
  for (const p of plans) rmSync(path.join(outDir, p.id), { recursive: true, force: true });
  for (const [file, from] of Object.entries(GENERATED_LICENCES)) {
    writeFileSync(
      path.join(outDir, 'licences', file),
      brotliCompressSync(readFileSync(path.join(dataDir, from)), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
  }
  const sources: SnapshotSource[] = [];
  let total = 0;
  for (const p of plans) {
    const a = ATTRIBUTIONS[p.id];
    if (!a?.redistributable) throw new Error(`${p.id}: its licence does not allow redistribution`);
    const licenceFile = licenceTextPath(a);
    if (!licenceFile || !existsSync(path.join(outDir, licenceFile)))
      throw new Error(`${p.id}: the licence text ${licenceFile ?? `of ${a.licence.id}`} is missing in snapshot/licences`);
    mkdirSync(path.join(outDir, p.id), { recursive: true });
    const files = p.files.map(({ folder, name }) => {
      const body = readFileSync(path.join(dataDir, folder ?? p.folder, name));
      const packed = brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      });
      const rel = `${p.id}/${name}.br`;
      writeFileSync(path.join(outDir, rel), packed);
      total += packed.length;
      console.log(`${rel.padEnd(64)} ${String(body.length).padStart(9)} → ${String(packed.length).padStart(8)} bytes`);
      return { name, path: rel, bytes: body.length, sha256: sha256(body), compressedBytes: packed.length };
    });
    const options: Record<string, unknown> = { ...p.options };
    if (p.crosswalk) options.crosswalkUrl = snapshotUrl(p.id, CROSSWALK.name);
    sources.push({
      id: p.id,
      kind: p.kind,
      publisher: a.publisher,
      dataset: a.dataset,
      release: p.release,
      retrievedAt: RETRIEVED,
      copiedFrom: p.copiedFrom,
      licence: { id: a.licence.id, name: a.licence.name, url: a.licence.url, file: licenceFile },
      citation: a.citation,
      url: p.folderUrl ? `snapshot:/${p.id}/` : snapshotUrl(p.id, files[0]!.name),
      options,
      files,
    });
  }
  const manifest = snapshotManifestSchema.parse({
    format: 1,
    note: 'Built by `npm run snapshot:build` from ../shared/data. Redistributable public sources only; each file brotli-compressed, sha256 of the file as published.',
    sources,
  });
  writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`snapshot: ${sources.length} sources, ${(total / 2 ** 20).toFixed(2)} MiB compressed, in ${path.relative(process.cwd(), outDir)}/`);
}

build();
