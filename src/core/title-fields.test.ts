import { describe, expect, it } from 'vitest';
import { buildFieldVocabulary, fieldStem } from './title-fields.js';

describe('fieldStem', () => {
  it('folds a field and its practitioner to one stem', () => {
    expect(['toxicology', 'toxicologist', 'toxicological'].map(fieldStem)).toEqual(['toxicolog', 'toxicolog', 'toxicolog']);
    expect(['chemistry', 'chemist', 'chemists', 'chemical'].map(fieldStem)).toEqual(['chem', 'chem', 'chem', 'chem']);
    expect(fieldStem('neuroscience')).toBe('neuroscienc');
    expect(fieldStem('laboratory')).toBe('laborator'); // not "labor"
  });
  it('leaves short words alone', () => {
    expect(['cell', 'data', 'drug'].map(fieldStem)).toEqual(['cell', 'data', 'drug']);
  });
});

describe('buildFieldVocabulary (hand-made careers)', () => {
  const vocab = buildFieldVocabulary([
    {
      id: 'med',
      title: 'Medical Scientists',
      aliases: ['Toxicologist', 'Research Scientist'],
      description: 'Conduct research on human diseases and drugs.',
      tasks: ['Evaluate effects of drugs on disease.'],
    },
    {
      id: 'chem',
      title: 'Chemists',
      aliases: ['Analytical Chemist', 'Research Scientist'],
      description: 'Conduct chemical analyses of substances.',
      tasks: ['Analyze organic compounds by chromatography.'],
    },
    {
      id: 'phys',
      title: 'Allergists and Immunologists',
      aliases: ['Immunologist'],
      description: 'Diagnose and treat diseases of the immune system.',
      tasks: ['Treat patients with immune disease.'],
    },
    { id: 'road', title: 'Highway Maintenance Workers', aliases: [], description: 'Maintain highways.', tasks: ['Patch roads.'] },
  ]);
  it('ranks careers by their own use of the field', () => {
    expect(vocab.rank(vocab.terms('Toxicology'), ['med', 'chem'])[0]!.careerId).toBe('med');
    expect(vocab.rank(vocab.terms('Chromatography'), ['med', 'chem'])[0]!.careerId).toBe('chem');
  });
  it('places a field no candidate names by the careers that do: immunology is about disease, so medical scientists lead', () => {
    const ranked = vocab.rank(vocab.terms('Immunology'), ['med', 'chem']);
    expect(ranked[0]!.careerId).toBe('med');
  });
  it('multiplies by the prior and leaves out words no career uses', () => {
    expect(vocab.rank(vocab.terms('Quux Blorp'), ['med', 'chem'])).toEqual([]);
    const even = vocab.rank(vocab.terms('research'), ['med', 'chem'], (id) => (id === 'chem' ? 10 : 1));
    expect(even[0]!.careerId).toBe('chem');
  });
});
