import { describe, expect, it } from 'vitest';
import { hasTitleAbbreviation, normalizeText, normalizeTitle, singularizeWord, slugify, stripTitleQualifiers, tokenizeText } from './text-normalize.js';

describe('normalizeText', () => {
  it('folds case, accents, dashes and punctuation, keeping C++ and C#', () => {
    expect(normalizeText('Ingénieur – R&D / C++, C# (Sr.)')).toBe('ingenieur r and d c++ c# sr');
    expect(tokenizeText('  Data—Scientist ')).toEqual(['data', 'scientist']);
  });
  it('transliterates letters that have no accent to strip (ß, ø, Ł, Æ) instead of dropping them', () => {
    expect(normalizeText('Straße Łódź Søren Ærø Œuvre')).toBe('strasse lodz soren aero oeuvre');
    expect(slugify('Ærø')).toBe('aero');
    expect(slugify('Jørgen Müller – Großhändler')).toBe('jorgen-muller-grosshandler');
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
    expect(['scientists', 'technologies', 'analytics', 'business', 'analysis'].map(singularizeWord)).toEqual([
      'scientist',
      'technology',
      'analytics',
      'business',
      'analysis',
    ]);
  });
  it('leaves words whose s is not a plural alone, and folds -es plurals to their stem', () => {
    expect(['series', 'species', 'news', 'means', 'lens', 'canvas', 'alias', 'bias', 'atlas', 'kubernetes', 'diabetes'].map(singularizeWord)).toEqual([
      'series',
      'species',
      'news',
      'means',
      'lens',
      'canvas',
      'alias',
      'bias',
      'atlas',
      'kubernetes',
      'diabetes',
    ]);
    expect(
      [
        'boxes',
        'matches',
        'coaches',
        'caches',
        'dishes',
        'classes',
        'businesses',
        'analyses',
        'diagnoses',
        'aliases',
        'lenses',
        'ideas',
        'areas',
        'sales',
        'nurses',
        'services',
        'databases',
      ].map(singularizeWord),
    ).toEqual([
      'box',
      'match',
      'coach',
      'cache',
      'dish',
      'class',
      'business',
      'analysis',
      'diagnosis',
      'alias',
      'lens',
      'idea',
      'area',
      'sale',
      'nurse',
      'service',
      'database',
    ]);
    expect(normalizeTitle('News Analyst')).not.toBe(normalizeTitle('New Analyst'));
    expect(normalizeTitle('Time Series Analysts')).toBe('time series analyst');
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
