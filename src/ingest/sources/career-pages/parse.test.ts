import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { conceptsOf } from '../../../core/skills.js';
import { recognizeLabel } from './fields.js';
import { careerPageLinks, loadCareerPage, parseCareerPage, type DeclaredCareer } from './parse.js';

const read = (name: string) => readFileSync(path.resolve(process.cwd(), 'test/fixtures/career-pages', name), 'utf8');

const compressionSkills = [
  'Deep Learning Framework Proficiency (PyTorch/TensorFlow)',
  'Model Pruning (unstructured & structured)',
  'Quantization (post-training, quantization-aware training)',
  'Knowledge Distillation',
  'Model Architecture Search & Redesign',
  'ONNX and Model Conversion',
  'Performance Profiling & Benchmarking (latency, memory, FLOPs)',
  'C/C++/CUDA for low-level optimization',
];
const routingSkills = [
  'Multi-model evaluation and benchmarking across accuracy, latency, cost, and safety dimensions',
  'API orchestration and chaining across heterogeneous LLM providers (OpenAI, Anthropic, Cohere, open-source endpoints)',
  'Real-time decision engine design using weighted scoring, rule-based, and ML-based routing strategies',
  'Cost optimization and token economics - modeling spend-per-query across model tiers',
  'Prompt engineering and template management for consistent output formatting across models',
  'Observability and monitoring - building dashboards for model performance, drift detection, and SLA compliance',
  'Graceful degradation and fallback chain design for high-availability AI systems',
  'Vector database management for semantic routing based on query embeddings',
];
const compression: DeclaredCareer = {
  title: 'AI Model Compression Engineer',
  slug: 'ai-model-compression-engineer',
  category: 'AI Engineering',
  declared: {
    salaryMin: 120_000,
    salaryMax: 200_000,
    demandScore: 9,
    aiRiskPct: 20,
    learningCurveMonths: 12,
    difficulty: 'Advanced',
    entryBarrier: 'High',
    remoteFriendly: true,
    requiresCoding: true,
  },
  skills: compressionSkills,
};
const routing: DeclaredCareer = {
  title: 'AI Model Routing Engineer',
  slug: 'ai-model-routing-engineer',
  category: 'AI Engineering',
  declared: {
    salaryMin: 135_000,
    salaryMax: 210_000,
    demandScore: 9,
    aiRiskPct: 15,
    learningCurveMonths: 8,
    difficulty: 'Advanced',
    entryBarrier: 'High',
    remoteFriendly: true,
    requiresCoding: true,
  },
  skills: routingSkills,
};

describe('parseCareerPage: the seed comparison in three layouts', () => {
  for (const file of ['compare-table.html', 'compare-dl.html', 'compare-cards.html']) {
    it(`${file} gives the seed page's figures for both careers`, () => {
      expect(parseCareerPage(read(file), { file })).toEqual({ records: [compression, routing], rejects: [] });
    });
  }
  it('takes titles from the "X vs Y" heading, not the header row that names the wrong career', () => {
    const [a] = parseCareerPage(read('compare-table.html')).records;
    expect(a!.title).toBe('AI Model Compression Engineer');
  });
  it('keeps the skill lists that share benchmarking and latency work (the seed says "0 skills overlap")', () => {
    const [a, b] = parseCareerPage(read('compare-table.html')).records;
    const tags = (skills: string[]) => new Set(skills.flatMap(conceptsOf));
    const common = [...tags(a!.skills)].filter((t) => tags(b!.skills).has(t)).sort();
    expect(common).toEqual(['benchmarking', 'latency']);
  });
});

describe('parseCareerPage: other pages', () => {
  it('reads a single-career profile page', () => {
    expect(parseCareerPage(read('profile-routing.html'))).toEqual({ records: [routing], rejects: [] });
  });
  it('refuses a page whose layout no longer matches, with a clear reason and no records', () => {
    expect(parseCareerPage(read('compare-layout-changed.html'), { url: 'https://futurevocation.pages.dev/compare/a-vs-b' })).toEqual({
      records: [],
      rejects: [
        {
          line: null,
          file: 'https://futurevocation.pages.dev/compare/a-vs-b',
          reason: 'layout not recognised: found 0 of 8 labelled figures (salary, demand, AI risk, learning curve, difficulty, entry barrier, remote, coding)',
        },
      ],
    });
    expect(parseCareerPage('<html><body><p>Hello</p></body></html>').rejects[0]!.reason).toBe(
      'layout not recognised: no career title heading (an <h1>, or "X vs Y" for a comparison)',
    );
  });
  it('strips <script> (raw or escaped) and markup from skill names', () => {
    const { records } = parseCareerPage(read('compare-script-in-skill.html'));
    expect(records[0]!.skills).toEqual(compressionSkills);
    expect(records[0]!.skills.join(' ')).not.toMatch(/script|alert|evil|cookie|onerror|</);
    expect(records[1]).toEqual(routing);
  });
  it('reports an unreadable value and leaves that figure null', () => {
    const html = read('compare-dl.html').replace('<dd>20%</dd>', '<dd>low</dd>');
    const out = parseCareerPage(html, { file: 'x.html' });
    expect(out.records[0]!.declared.aiRiskPct).toBeNull();
    expect(out.rejects).toEqual([{ line: null, file: 'x.html', reason: 'AI Model Compression Engineer: "AI Replacement Risk" value "low" is not readable' }]);
  });
});

describe('recognizeLabel', () => {
  it('reads labels by meaning', () => {
    expect(
      [
        'Salary Range',
        'Typical pay',
        'AI Replacement Risk',
        'Automation risk',
        'Demand Score',
        'Time to learn',
        'Barrier to entry',
        'Remote Friendly',
        'Requires Coding',
        'Difficulty',
        'Category',
        'Attribute',
      ].map(recognizeLabel),
    ).toEqual(['salary', 'salary', 'aiRisk', 'aiRisk', 'demand', 'learningCurve', 'entryBarrier', 'remote', 'coding', 'difficulty', 'category', null]);
  });
});

describe('third-party markup', () => {
  it('a heading with a numeric entity beyond Unicode reads as U+FFFD; the page still parses', () => {
    const page = read('compare-table.html').replace('<h2>At a Glance</h2>', '<h2>At a Glance &amp;#99999999; &amp;#xD800;</h2>');
    expect(parseCareerPage(page, { file: 'compare-table.html' })).toEqual({ records: [compression, routing], rejects: [] });
  });

  it("follows links only on the page's own origin and scheme; malformed links it would follow are refused with their reason", () => {
    const $ = loadCareerPage(
      [
        '/compare/a-vs-b',
        '../compare/c-vs-d?x=1#top',
        'https://example.org/compare/e-vs-f',
        'http://example.org:8080/compare/g-vs-h',
        'http://other.example/compare/i-vs-j',
        'file:///etc/compare/k-vs-l',
        'javascript:alert(1)//compare/m-vs-n',
        'http://exa mple.org/compare/o-vs-p',
        '/about',
        '/compare/a-vs-b',
      ]
        .map((h) => `<a href="${h}">x</a>`)
        .join(''),
    );
    const pattern = /^\/compare\/[^/]+-vs-[^/]+$/;
    expect(careerPageLinks($, 'http://example.org/compare/', pattern)).toEqual({
      links: ['http://example.org/compare/a-vs-b', 'http://example.org/compare/c-vs-d'],
      refused: ['malformed link "http://exa mple.org/compare/o-vs-p"; skipped'],
    });
    // The links of a file: page are never followed.
    expect(careerPageLinks($, 'file:///srv/data/compare/index.html', pattern).links).toEqual([]);
  });
});
