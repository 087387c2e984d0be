/**
 * Test fixtures: the two careers of the seed comparison page
 * (../shared/seeds/compare-page-ai-model-compression-vs-routing.txt), as career-page facts
 * with their declared figures and skills. Concept tags are what `conceptsOf` is expected to
 * give for each phrase. Used by unit tests only.
 */
import type { CareerFacts, DeclaredFigures } from '../../src/core/metrics/types.js';
import type { CareerForComparison, SkillInput } from '../../src/core/compare/types.js';
import { computeCareerMetrics } from '../../src/core/metrics/career-metrics.js';
import { computePopulationStats } from '../../src/core/metrics/population.js';

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const skill = (label: string, concepts: string[]): SkillInput => ({ key: slugify(label), label, concepts });

export const SEED_SOURCE = 'career-pages:futurevocation';

/** Career-page facts with the given declared figures and nothing else. */
export function careerPageFacts(slug: string, title: string, category: string, declared: Omit<DeclaredFigures, 'source' | 'period'>): CareerFacts {
  return {
    id: slug,
    slug,
    title,
    category,
    origin: 'career-page',
    onetCode: null,
    asOf: '2025-01-01',
    wages: [],
    salarySurveys: [],
    postings: [],
    technologySkills: [],
    technologySource: null,
    preparation: null,
    aiExposure: [],
    telework: null,
    declared: { ...declared, source: SEED_SOURCE, period: '2025' },
  };
}

export const compressionFacts = careerPageFacts('ai-model-compression-engineer', 'AI Model Compression Engineer', 'AI Engineering', {
  salaryMin: 120_000,
  salaryMax: 200_000,
  demandScore: 9.0,
  aiRiskPct: 20,
  learningCurveMonths: 12,
  difficulty: 'Advanced',
  entryBarrier: 'High',
  remoteFriendly: true,
  requiresCoding: true,
});

export const routingFacts = careerPageFacts('ai-model-routing-engineer', 'AI Model Routing Engineer', 'AI Engineering', {
  salaryMin: 135_000,
  salaryMax: 210_000,
  demandScore: 9.0,
  aiRiskPct: 15,
  learningCurveMonths: 8,
  difficulty: 'Advanced',
  entryBarrier: 'High',
  remoteFriendly: true,
  requiresCoding: true,
});

export const compressionSkills: SkillInput[] = [
  skill('Deep Learning Framework Proficiency (PyTorch/TensorFlow)', ['deep-learning', 'pytorch', 'tensorflow']),
  skill('Model Pruning (unstructured & structured)', ['model-compression', 'pruning']),
  skill('Quantization (post-training, quantization-aware training)', ['model-compression', 'quantization']),
  skill('Knowledge Distillation', ['model-compression', 'distillation']),
  skill('Model Architecture Search & Redesign', ['model-architecture', 'neural-architecture-search']),
  skill('ONNX and Model Conversion', ['onnx', 'model-conversion']),
  skill('Performance Profiling & Benchmarking (latency, memory, FLOPs)', ['profiling', 'benchmarking', 'latency', 'memory']),
  skill('C/C++/CUDA for low-level optimization', ['c++', 'cuda', 'performance-optimization']),
];

export const routingSkills: SkillInput[] = [
  skill('Multi-model evaluation and benchmarking across accuracy, latency, cost, and safety dimensions', [
    'model-evaluation',
    'benchmarking',
    'latency',
    'cost',
    'ai-safety',
  ]),
  skill('API orchestration and chaining across heterogeneous LLM providers (OpenAI, Anthropic, Cohere, open-source endpoints)', [
    'api-integration',
    'llm',
    'orchestration',
  ]),
  skill('Real-time decision engine design using weighted scoring, rule-based, and ML-based routing strategies', [
    'decision-engines',
    'routing',
    'machine-learning',
  ]),
  skill('Cost optimization and token economics - modeling spend-per-query across model tiers', ['cost-optimization', 'llm']),
  skill('Prompt engineering and template management for consistent output formatting across models', ['prompt-engineering', 'llm']),
  skill('Observability and monitoring - building dashboards for model performance, drift detection, and SLA compliance', [
    'observability',
    'monitoring',
    'model-drift',
  ]),
  skill('Graceful degradation and fallback chain design for high-availability AI systems', ['high-availability', 'reliability']),
  skill('Vector database management for semantic routing based on query embeddings', ['vector-databases', 'embeddings', 'routing']),
];

/** The seed pair, through the real metrics code, ready for `compareCareers`. */
export function seedPair(): { compression: CareerForComparison; routing: CareerForComparison } {
  const population = computePopulationStats([compressionFacts, routingFacts]);
  const as = (f: CareerFacts, skills: SkillInput[]): CareerForComparison => ({
    career: { slug: f.slug, title: f.title, category: f.category },
    metrics: computeCareerMetrics(f, population),
    skills,
  });
  return { compression: as(compressionFacts, compressionSkills), routing: as(routingFacts, routingSkills) };
}
