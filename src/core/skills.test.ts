import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvTable } from './csv.js';
import { buildSkillTaxonomy, cleanSkillName, conceptsOf, extractSkills, splitSkillPhrase, type TechSkillRow } from './skills.js';

const row = (example: string, hot = true, inDemand = false, commodityTitle = 'Development environment software'): TechSkillRow => ({
  example,
  commodityTitle,
  hot,
  inDemand,
});
const small = buildSkillTaxonomy([
  row('PyTorch'),
  row('TensorFlow'),
  row('Amazon Web Services AWS software', true, true),
  row('C'),
  row('C++'),
  row('Go'),
  row('R'),
  row('Python'),
  row('Structured query language SQL'),
  row('Oracle Java'),
  row('Email software'),
  row('Python', false, true, 'Object or component oriented development software'),
]);

describe('buildSkillTaxonomy', () => {
  it('derives canonical keys and aliases from O*NET examples', () => {
    expect(small.entries.get('aws')).toMatchObject({
      name: 'AWS',
      aliases: ['AWS', 'Amazon Web Services AWS software', 'Amazon Web Services', 'Amazon Web Services AWS'],
    });
    expect(small.entries.get('sql')?.aliases).toEqual(['SQL', 'Structured query language SQL', 'Structured query language']);
    expect(small.entries.get('java')?.aliases).toEqual(['Java', 'Oracle Java']);
    expect(small.entries.get('go')?.aliases).toEqual(['Go', 'Golang']);
    expect(small.entries.has('email')).toBe(false);
    expect(small.entries.get('email-software')?.aliases).toEqual(['Email software']);
  });
  it('merges repeated examples, OR-ing the hot and in-demand flags', () => {
    expect(small.entries.get('python')).toMatchObject({
      hot: true,
      inDemand: true,
      commodityTitles: ['Development environment software', 'Object or component oriented development software'],
    });
  });
});

describe('extractSkills', () => {
  it('matches case-insensitively on word boundaries, longest alias first', () => {
    expect(extractSkills('We use pytorch and Amazon Web Services daily; TENSORFLOW too.', small)).toEqual(['pytorch', 'aws', 'tensorflow']);
    expect(extractSkills('structured query language and Java', small)).toEqual(['sql', 'java']);
  });
  it('does not find Go in "good", R in "R&D" or C in "C-suite"', () => {
    expect(extractSkills('A good R&D team reporting to the C-suite; we go far.', small)).toEqual([]);
    expect(extractSkills('Go, R and Golang', small)).toEqual(['go', 'r']);
  });
  it('reads "C/C++/CUDA" as three skills (CUDA is built in: O*NET lacks it)', () => {
    expect(extractSkills('C/C++/CUDA for low-level optimization', small)).toEqual(['c', 'cpp', 'cuda']);
  });
  it('strips HTML before matching', () => {
    expect(extractSkills('<li>Python<script>var Go = 1; TensorFlow</script></li>', small)).toEqual(['python']);
  });
  it('maps the seed page skill phrases to canonical skills and concepts', () => {
    expect(extractSkills('Deep Learning Framework Proficiency (PyTorch/TensorFlow)', small)).toEqual(['pytorch', 'tensorflow']);
    expect(extractSkills('Performance Profiling & Benchmarking (latency, memory, FLOPs)', small)).toEqual(['performance-profiling', 'benchmarking', 'latency']);
  });
});

describe('conceptsOf', () => {
  it('tags both seed skill lists with benchmarking and latency', () => {
    expect(conceptsOf('Performance Profiling & Benchmarking (latency, memory, FLOPs)')).toEqual(['performance-profiling', 'benchmarking', 'latency']);
    expect(conceptsOf('Multi-model evaluation and benchmarking across accuracy, latency, cost, and safety dimensions')).toEqual([
      'model-evaluation',
      'benchmarking',
      'latency',
    ]);
    expect(conceptsOf('Cost optimization and token economics - modeling spend-per-query across model tiers')).toEqual(['cost-optimization']);
    expect(conceptsOf('Quantization (post-training, quantization-aware training)')).toEqual(['quantization']);
    expect(conceptsOf('Knowledge Distillation')).toEqual(['knowledge-distillation']);
    expect(conceptsOf('PyTorch')).toEqual([]);
  });
});

describe('splitSkillPhrase and cleanSkillName', () => {
  it('splits parenthetical lists, slashes, ampersands and "and"', () => {
    expect(splitSkillPhrase('Performance Profiling & Benchmarking (latency, memory, FLOPs)')).toEqual([
      'Performance Profiling',
      'Benchmarking',
      'latency',
      'memory',
      'FLOPs',
    ]);
    expect(splitSkillPhrase('C/C++/CUDA for low-level optimization')).toEqual(['C', 'C++', 'CUDA for low-level optimization']);
    expect(splitSkillPhrase('Multi-model evaluation and benchmarking across accuracy, latency, cost, and safety dimensions')).toEqual([
      'Multi-model evaluation',
      'benchmarking across accuracy',
      'latency',
      'cost',
      'safety dimensions',
    ]);
  });
  it('removes script content, tags and escaped tags', () => {
    expect(cleanSkillName('Knowledge Distillation<script>alert("x")</script>')).toBe('Knowledge Distillation');
    expect(cleanSkillName('ONNX &amp; Model Conversion &lt;script&gt;steal()&lt;/script&gt;')).toBe('ONNX & Model Conversion');
    expect(cleanSkillName('<b>Quantization</b> <img src=x onerror=alert(1)>')).toBe('Quantization');
  });
  it('reads a numeric entity beyond Unicode or a surrogate as U+FFFD instead of throwing (third-party text)', () => {
    expect(cleanSkillName('C&#99999999;UDA &#x110000;')).toBe('C\uFFFDUDA \uFFFD');
    expect(cleanSkillName('Go &#xD800; Rust &#0;')).toBe('Go \uFFFD Rust \uFFFD');
    expect(cleanSkillName('&#x41;&#66; &#99999999999999999999; &amp;#1;')).toBe('AB \uFFFD &#1;'); // decoded once
    expect(splitSkillPhrase('Python, &#99999999;')).toEqual(['Python', '\uFFFD']);
  });
});

describe('buildSkillTaxonomy on real O*NET 29.2 Technology Skills', () => {
  const file = path.resolve(process.cwd(), '../shared/data/onet-29.2/Technology Skills.txt');
  const { header, rows } = parseCsvTable(readFileSync(file, 'utf8'), { delimiter: '\t', quoted: false });
  const tax = buildSkillTaxonomy(
    rows.map((r) => ({ example: r.fields[1]!, commodityTitle: r.fields[3]!, hot: r.fields[4] === 'Y', inDemand: r.fields[5] === 'Y' })),
  );
  it('reads the file header and builds canonical entries', () => {
    expect(header).toEqual(['O*NET-SOC Code', 'Example', 'Commodity Code', 'Commodity Title', 'Hot Technology', 'In Demand']);
    expect(tax.entries.get('pytorch')).toMatchObject({ name: 'PyTorch', kind: 'technology', inDemand: true });
    expect(tax.entries.get('aws')?.name).toBe('AWS');
    expect(tax.entries.get('matlab')?.aliases).toContain('The MathWorks MATLAB');
  });
  it('extracts skills from a posting sentence without plain-word false hits', () => {
    const text = 'We square off a route forward: strong Python, pandas, SQL and Tableau; Spark or Hadoop a plus. Good R&D sense.';
    expect(extractSkills(text, tax)).toEqual(['python', 'pandas', 'sql', 'tableau', 'spark', 'hadoop']);
  });
});
