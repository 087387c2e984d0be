import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createZip } from '../../../core/zip.js';
import { SourceFormatError } from '../types.js';
import { ONET_FILES, parseOnetFiles, readOnetZip, type OnetDatabase } from './parse.js';
import { assignSlugs, slugifyTitle } from './slug.js';

const DIR = new URL('../../../../../shared/data/onet-29.2/', import.meta.url);
const readFiles = (): Map<string, string> => new Map(Object.values(ONET_FILES).map((f) => [f, readFileSync(new URL(f, DIR), 'utf8')]));
/** Keeps tests fast: only the 15-125x occupations' rows (reference and category files whole). */
const subset = (text: string): string =>
  text
    .split('\r\n')
    .filter((l, i) => i === 0 || !/^\d\d-\d{4}\.\d\d\t/.test(l) || l.startsWith('15-125'))
    .join('\r\n');

describe('parseOnetFiles on O*NET 29.2', () => {
  let files: Map<string, string>;
  let small: Map<string, string>;
  let db: OnetDatabase;
  beforeAll(() => {
    files = readFiles();
    small = new Map([...files].map(([name, text]) => [name, subset(text)]));
    db = parseOnetFiles(files);
  });

  it('reads every table with the release counts and no rejects', () => {
    expect(db.occupations).toHaveLength(1016);
    expect(db.technologySkills).toHaveLength(32627);
    expect(db.jobZones).toHaveLength(923);
    expect(db.jobZoneReference.map((z) => z.jobZone)).toEqual([1, 2, 3, 4, 5]);
    expect(db.education).toHaveLength(858);
    expect(db.relatedOccupations).toHaveLength(18460);
    expect(db.rejects).toEqual([]);
    expect(db.technologySkills.filter((t) => t.hot)).toHaveLength(11621);
    expect(db.technologySkills.filter((t) => t.inDemand)).toHaveLength(2320);
    expect(db.occupations.reduce((n, o) => n + o.aliases.length, 0)).toBe(59996);
  });

  it('gives Software Developers (15-1252.00) its exact facts', () => {
    const sd = db.occupations.find((o) => o.code === '15-1252.00')!;
    expect(sd).toMatchObject({ soc: '15-1252', title: 'Software Developers', slug: 'software-developers', category: 'Computer and Mathematical' });
    expect(sd.description).toMatch(/^Research, design, and develop computer and network software/);
    expect(sd.aliases).toHaveLength(148); // 10 reported + 135 alternate + 13 short titles, deduped
    expect(sd.aliases.slice(0, 3)).toEqual(['Application Developer', 'Application Integration Engineer', 'Developer']);
    expect(sd.aliases).toEqual(expect.arrayContaining(['Software Engineer', 'AI Specialist', 'DevOps Architect (Development and Operations Architect)']));
    expect(sd.aliases.map((a) => a.toLowerCase())).not.toContain('n/a');
    // Evidence: sources listing an alternate title, plus one when incumbents reported it.
    expect(sd.aliasEvidence).toHaveLength(sd.aliases.length);
    const evidenceOf = (code: string, alias: string) => {
      const o = db.occupations.find((x) => x.code === code)!;
      return o.aliasEvidence[o.aliases.indexOf(alias)];
    };
    expect(evidenceOf('15-1243.00', 'Data Engineer')).toBe(3); // sources 02,08 and reported
    expect(evidenceOf('15-2051.00', 'Data Engineer')).toBe(1); // source 08
    expect(evidenceOf('15-1252.00', 'Site Reliability Engineer')).toBe(1);
    const skills = db.technologySkills.filter((t) => t.code === '15-1252.00');
    expect([skills.length, skills.filter((t) => t.hot).length, skills.filter((t) => t.inDemand).length]).toEqual([425, 151, 30]);
    expect(skills.find((t) => t.example === 'C#')).toEqual({
      code: '15-1252.00',
      example: 'C#',
      commodityCode: '43232405',
      commodityTitle: 'Object or component oriented development software',
      hot: true,
      inDemand: true,
    });
    const zone = db.jobZones.find((z) => z.code === '15-1252.00')!;
    expect([zone.jobZone, zone.date, zone.domainSource, zone.reference.name, zone.reference.svpRange]).toEqual([
      4,
      '11/2021',
      'Analyst - Preliminary',
      'Job Zone Four: Considerable Preparation Needed',
      '(7.0 to < 8.0)',
    ]);
    const related = db.relatedOccupations.filter((r) => r.code === '15-1252.00');
    expect(related).toHaveLength(20);
    expect(related[0]).toEqual({ code: '15-1252.00', relatedCode: '15-1299.08', tier: 'Primary-Short', index: 1 });
    expect(related[19]).toEqual({ code: '15-1252.00', relatedCode: '17-3027.00', tier: 'Supplemental', index: 20 });
    expect(db.education.find((e) => e.code === '15-1252.00')).toBeUndefined(); // no ETE ratings in 29.2
  });

  it('summarizes ETE distributions with modal/median categories and months from the Categories file', () => {
    const p = db.education.find((e) => e.code === '15-1211.00')!; // Computer Systems Analysts
    expect(p.education).toMatchObject({
      modalCategory: 5,
      modalLabel: "Associate's Degree (or other 2-year degree)",
      medianCategory: 5,
      typicalMonths: null,
      respondents: 20,
      suppressed: true,
    });
    expect(p.education!.categories).toHaveLength(12);
    expect(p.education!.categories[5]).toEqual({ category: 6, label: "Bachelor's Degree", percent: 41.93, months: null });
    expect(p.relatedWork).toMatchObject({ modalCategory: 8, medianCategory: 7, typicalMonths: 36 });
    expect(p.relatedWork!.meanMonths).toBeCloseTo(35.358085808, 8);
    expect(p.relatedWork!.categories[10]!.months).toEqual({ min: 120, max: null });
    expect(p.onSiteTraining).toMatchObject({ modalCategory: 1, modalLabel: 'None', medianCategory: 2, typicalMonths: 0.5 });
    expect(p.onTheJobTraining).toMatchObject({ modalCategory: 5, medianCategory: 5, typicalMonths: 9 });
    expect(p.onTheJobTraining!.meanMonths).toBeCloseTo(10.35935, 8);
  });

  it('makes 1016 unique slugs, dropping apostrophes', () => {
    expect(new Set(db.occupations.map((o) => o.slug)).size).toBe(1016);
    expect(db.occupations.find((o) => o.code === '33-3051.00')!.slug).toBe('police-and-sheriffs-patrol-officers');
    expect(db.occupations.find((o) => o.code === '11-9041.00')!.slug).toBe('architectural-and-engineering-managers');
  });

  it('rejects rows it cannot read and refuses a file with missing columns, a truncated file, a missing file', () => {
    const bad = new Map(small);
    bad.set(
      ONET_FILES.jobZones,
      'O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n15-1252.00\t7\t11/2021\tAnalyst\r\n99-9999.00\t3\t11/2021\tAnalyst\r\n15-1211.00\t4\r\n15-1253.00\t4\t08/2023\tAnalyst\r\n',
    );
    expect(parseOnetFiles(bad).rejects).toEqual([
      { file: 'Job Zones.txt', line: 4, reason: 'expected 4 fields, got 2' },
      { file: 'Job Zones.txt', line: 3, reason: 'code "99-9999.00" is not in Occupation Data.txt' },
      { file: 'Job Zones.txt', line: 2, reason: 'job zone "7" is not 1-5 / not in Job Zone Reference.txt' },
    ]);
    bad.set(ONET_FILES.jobZones, 'O*NET-SOC Code\tZone\tDate\r\n15-1252.00\t4\t11/2021\r\n');
    expect(() => parseOnetFiles(bad)).toThrow(/Job Zones\.txt: missing column\(s\) "Job Zone", "Domain Source"/);
    const text = small.get(ONET_FILES.technologySkills)!;
    bad.set(ONET_FILES.jobZones, small.get(ONET_FILES.jobZones)!);
    bad.set(ONET_FILES.technologySkills, text.slice(0, text.indexOf('\t', 5000)));
    expect(() => parseOnetFiles(bad)).toThrow(/Technology Skills\.txt: truncated at line \d+/);
    bad.delete(ONET_FILES.related);
    expect(() => parseOnetFiles(bad)).toThrow(SourceFormatError);
    expect(() => parseOnetFiles(bad)).toThrow(/missing file\(s\) Related Occupations\.txt/);
  });

  it('reads the same files from the publisher zip layout (db_29_2_text/…)', () => {
    const zip = createZip([
      { name: 'db_29_2_text/', data: '', method: 0 },
      ...[...small].map(([name, text], i) => ({ name: `db_29_2_text/${name}`, data: text, method: (i % 2 ? 8 : 0) as 0 | 8 })),
      { name: '__MACOSX/db_29_2_text/._Job Zones.txt', data: '\u0000\u0005junk' },
    ]);
    const fromZip = readOnetZip(zip, 'db_29_2_text.zip');
    expect(fromZip.occupations.map((o) => o.code)).toEqual(['15-1251.00', '15-1252.00', '15-1253.00', '15-1254.00', '15-1255.00', '15-1255.01']);
    const code = (x: { code: string }): boolean => x.code === '15-1252.00';
    expect(fromZip.occupations.find(code)).toEqual(db.occupations.find(code));
    expect(fromZip.technologySkills.filter(code)).toEqual(db.technologySkills.filter(code));
    expect(fromZip.jobZones.filter(code)).toEqual(db.jobZones.filter(code));
    expect(fromZip.rejects).toEqual([]);
    expect(() => readOnetZip(zip.subarray(0, 2000), 'db_29_2_text.zip')).toThrow(/db_29_2_text\.zip: not a zip archive/);
    expect(() =>
      readOnetZip(createZip([{ name: 'x/Occupation Data.txt', data: Buffer.from('O*NET-SOC Code\tTitle\r\n11-1011.00\tCaf\xe9\r\n', 'latin1') }]), 'db.zip'),
    ).toThrow(/db\.zip\/x\/Occupation Data\.txt: is not valid UTF-8/);
  });
});

describe('assignSlugs', () => {
  it('keeps the plain slug for the lowest code and appends the code to the others', () => {
    const slugs = assignSlugs([
      { code: '15-1299.09', title: 'Data Engineers' },
      { code: '15-1299.01', title: 'Data  Engineers!' },
      { code: '11-1011.00', title: 'Chief Executives' },
    ]);
    expect(Object.fromEntries(slugs)).toEqual({ '15-1299.01': 'data-engineers', '15-1299.09': 'data-engineers-15-1299-09', '11-1011.00': 'chief-executives' });
    expect(slugifyTitle('Biofuels/Biodiesel Technology & Café Managers')).toBe('biofuels-biodiesel-technology-and-cafe-managers');
  });
});
