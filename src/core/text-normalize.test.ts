import { describe, expect, it } from 'vitest';
import { hasTitleAbbreviation, normalizeText, normalizeTitle, singularizeWord, slugify, stripTitleQualifiers, tokenizeText } from './text-normalize.js';

describe('normalizeText', () => {
  it('folds case, accents, dashes and punctuation, keeping C++ and C#', () => {
    expect(normalizeText('Ingénieur – R&D / C++, C# (Sr.)')).toBe('ingenieur r and d c++ c# sr');
    expect(tokenizeText('  Data—Scientist ')).toEqual(['data', 'scientist']);
  });
});

describe('normalizeTitle', () => {
  it('expands abbreviations and drops level words, but keeps a title made only of them', () => {
    expect(normalizeTitle('Sr. ML Engineer II')).toBe('machine learning engineer');
    expect(normalizeTitle('Staff NLP Eng')).toBe('natural language processing engineer');
    expect(normalizeTitle('Lead')).toBe('lead');
    expect(normalizeTitle('Constructor')).toBe('constructor');
    expect(hasTitleAbbreviation('AI Technician')).toBe(true);
    expect(hasTitleAbbreviation('Artificial Insemination Technician')).toBe(false);
  });
  it('singularizes plurals without breaking words ending in s', () => {
    expect(['scientists', 'technologies', 'analytics', 'business', 'analysis'].map(singularizeWord))
      .toEqual(['scientist', 'technology', 'analytics', 'business', 'analysis']);
  });
  it('strips qualifiers after dashes and in parentheses', () => {
    expect(stripTitleQualifiers('Analytics Engineer  – Vercel')).toBe('Analytics Engineer');
    expect(stripTitleQualifiers('Mid-Market Account Executive (APAC)')).toBe('Mid-Market Account Executive');
  });
  it('makes slugs', () => {
    expect(slugify('AI Model Routing Engineer')).toBe('ai-model-routing-engineer');
    expect(slugify('C++')).toBe('cpp');
    expect(slugify('C#')).toBe('csharp');
  });
});
