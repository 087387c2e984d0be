import { describe, expect, it } from 'vitest';
import { MAX_TITLE_LENGTH, normalizeJobTitle, type NormalizedJobTitle } from './title-normalize.js';

function ok(raw: string): Extract<NormalizedJobTitle, { ok: true }> {
  const r = normalizeJobTitle(raw);
  if (!r.ok) throw new Error(`${raw}: rejected (${r.reason})`);
  return r;
}

describe('normalizeJobTitle: the titles of the issue', () => {
  it('splits location and remote off "Senior Data Scientist - Remote (US)"', () => {
    expect(ok('Senior Data Scientist - Remote (US)')).toEqual({
      ok: true,
      title: 'Data Scientist',
      alternatives: [],
      attributes: { seniority: 'senior', level: null, location: 'US', remote: 'remote', employment: null, qualifiers: [] },
    });
  });
  it('keeps the team of "Staff Software Engineer, Systems" as a qualifier', () => {
    expect(ok('Staff Software Engineer, Systems')).toMatchObject({ title: 'Software Engineer', attributes: { seniority: 'staff', qualifiers: ['Systems'] } });
  });
  it('expands ML and keeps the grade of "ML Engineer II"', () => {
    expect(ok('ML Engineer II')).toMatchObject({ title: 'Machine Learning Engineer', attributes: { level: 'II', seniority: null } });
  });
  it('reads "Sr. Data Analyst | Marketing" and "Lead Data Engineer (Contract)"', () => {
    expect(ok('Sr. Data Analyst | Marketing')).toMatchObject({ title: 'Data Analyst', attributes: { seniority: 'senior', qualifiers: ['Marketing'] } });
    expect(ok('Lead Data Engineer (Contract)')).toMatchObject({
      title: 'Data Engineer',
      attributes: { seniority: 'lead', employment: 'contract', qualifiers: [] },
    });
  });
  it('reads the regions career sites append ("Sales Engineer, APAC", "Solutions Engineer, Europe")', () => {
    expect(ok('Sales Engineer, APAC')).toMatchObject({ title: 'Sales Engineer', attributes: { location: 'APAC', qualifiers: [] } });
    expect(ok('Solutions Engineer, Europe')).toMatchObject({ title: 'Solutions Engineer', attributes: { location: 'Europe' } });
    expect(ok('Sales Development Representative, Enterprise, Europe')).toMatchObject({
      title: 'Sales Development Representative',
      attributes: { location: 'Europe', qualifiers: ['Enterprise'] },
    });
    expect(ok('Data Engineer - Consultant (Charlotte Based)')).toMatchObject({ attributes: { location: 'Charlotte', qualifiers: ['Consultant'] } });
    expect(ok('Lab Head - Cambridge, MA').attributes.location).toBe('Cambridge');
  });
});

describe('normalizeJobTitle: seniority, levels, employment', () => {
  it.each([
    ['Jr. Business Data Analyst', 'Business Data Analyst', 'junior'],
    ['Principal Data Scientist', 'Data Scientist', 'principal'],
    ['Data Scientist SR', 'Data Scientist', 'senior'],
    ['Data Scientist, Senior', 'Data Scientist', 'senior'],
    ['Associate Data Analyst', 'Data Analyst', 'junior'],
    ['Chief Data Scientist', 'Data Scientist', 'executive'],
    ['Weapons and Sensors Engineer – Entry Level', 'Weapons and Sensors Engineer', 'junior'],
    ['Head of Data Science', 'Data Science Manager', 'head'],
  ])('%s → %s (%s)', (raw, title, seniority) => {
    expect(ok(raw)).toMatchObject({ title, attributes: { seniority } });
  });
  it('reads grades: roman numerals, numbers, "Level III", "I/II"', () => {
    expect(ok('Data Engineer 5 - Contract (Remote)')).toMatchObject({
      title: 'Data Engineer',
      attributes: { level: '5', employment: 'contract', remote: 'remote' },
    });
    expect(ok('Data Analyst Level III')).toMatchObject({ title: 'Data Analyst', attributes: { level: 'III' } });
    expect(ok('Scientist I/II, Biology')).toMatchObject({ title: 'Scientist', attributes: { level: 'I/II', qualifiers: ['Biology'] } });
  });
  it('reads employment words but keeps careers named by them ("Contract Specialist")', () => {
    expect(ok('Data Engineer Intern')).toMatchObject({ title: 'Data Engineer', attributes: { employment: 'internship' } });
    expect(ok('Part-time Data Analyst')).toMatchObject({ title: 'Data Analyst', attributes: { employment: 'part-time' } });
    expect(ok('Sr. Data Engineer - Contract-to-Hire (Java)')).toMatchObject({
      title: 'Data Engineer',
      attributes: { employment: 'contract', qualifiers: ['Java'] },
    });
    expect(ok('Contract Specialist')).toMatchObject({ title: 'Contract Specialist', attributes: { employment: null } });
  });
  it('never strips the whole title: "Senior" and "Lead" alone stay', () => {
    expect(ok('Senior').title).toBe('Senior');
    expect(ok('Staff Scientist').title).toBe('Scientist');
  });
});

describe('normalizeJobTitle: separators, abbreviations and alternatives', () => {
  it('takes the role from the qualifier when the title is only a rank ("Director, Data Science")', () => {
    expect(ok('Director, Data Science').title).toBe('Data Science Director');
    expect(ok('VP, Data Science').title).toBe('Data Science Vice President');
  });
  it('splits "Role-Qualifier" hyphens but keeps compounds ("Mid-Market", "E-Commerce")', () => {
    expect(ok('Senior Research Scientist-Machine Learning')).toMatchObject({ title: 'Research Scientist', attributes: { qualifiers: ['Machine Learning'] } });
    expect(ok('Mid-Market Account Executive, APAC').title).toBe('Mid-Market Account Executive');
    expect(ok('E-Commerce Data Analyst').title).toBe('E-Commerce Data Analyst');
  });
  it('drops an acronym that spells the words before it and keeps other parentheticals', () => {
    expect(ok('Senior Machine Learning (ML) Engineer').title).toBe('Machine Learning Engineer');
    expect(ok('Machine Learning Engineer (NLP)').attributes.qualifiers).toEqual(['NLP']);
    expect(ok('Customer Data Scientist (Bay').attributes.location).toBe('Bay');
  });
  it('expands abbreviations by their exact spelling: IT and BI, not "it"', () => {
    expect(ok('BI Developer').title).toBe('Business Intelligence Developer');
    expect(ok('SRE').title).toBe('Site Reliability Engineer');
    expect(ok('Sr. SWE').title).toBe('Software Engineer');
    expect(ok('QA Engineer').title).toBe('Quality Assurance Engineer');
    expect(ok('Make it Happen Manager').title).toBe('Make it Happen Manager');
  });
  it('turns slashes into alternative titles', () => {
    expect(ok('Data Analyst / Scientist')).toMatchObject({ title: 'Data Analyst', alternatives: ['Data Scientist'] });
    expect(ok('Data Scientist/ML Engineer')).toMatchObject({ title: 'Data Scientist', alternatives: ['ML Engineer'] });
    expect(ok('Deep Learning/Computer Vision Scientist')).toMatchObject({ title: 'Computer Vision Scientist', alternatives: ['Deep Learning Scientist'] });
  });
});

describe('normalizeJobTitle: departments and teams', () => {
  it('reads the role after a department that comes first ("IT - Data Engineer II"), keeping the department as a qualifier', () => {
    expect(ok('IT - Data Engineer II')).toMatchObject({ title: 'Data Engineer', attributes: { level: 'II', qualifiers: ['Information Technology'] } });
    expect(ok('Analytics - Business Assurance Data Analyst')).toMatchObject({
      title: 'Business Assurance Data Analyst',
      attributes: { qualifiers: ['Analytics'] },
    });
    expect(ok('College Hire - Data Scientist - Open to December 2019 Graduates').title).toBe('Data Scientist');
    // A department with no role after it stays the title; a lone rank after it is not a role.
    expect(ok('ATL - Data & Analytics (DA)').title).toBe('ATL');
    expect(ok('Data Science (Associate)').title).toBe('Data Science');
  });
  it('drops the unit words of a team ("Machine Learning Department", "Office of Data Science")', () => {
    expect(ok('Research Scientist, Machine Learning Department').attributes.qualifiers).toEqual(['Machine Learning']);
    expect(ok('Consultant - Data Analytics Group').title).toBe('Data Analytics Consultant');
    expect(ok('Data Scientist, Office of Data Science').attributes.qualifiers).toEqual(['Data Science']);
    expect(ok('Engineer, Team').attributes.qualifiers).toEqual(['Team']);
  });
});

describe('normalizeJobTitle: bad input is rejected with a reason', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['!!! --- ???', 'no-letters'],
    ['🚀🔥💯', 'no-letters'],
    ['12345', 'no-letters'],
    ['データサイエンティスト', 'unsupported-script'],
    ['Специалист по данным', 'unsupported-script'],
    ['مهندس بيانات', 'unsupported-script'],
    ['x'.repeat(10_000), 'too-long'],
    ['Data Scientist '.repeat(20), 'too-long'],
  ])('%j → %s', (raw, reason) => {
    expect(normalizeJobTitle(raw)).toMatchObject({ ok: false, reason });
  });
  it('accepts the longest real title and accented Latin, and ignores emoji around a title', () => {
    expect(ok('a'.repeat(MAX_TITLE_LENGTH)).title).toHaveLength(MAX_TITLE_LENGTH);
    expect(ok('Ingénieur Données').title).toBe('Ingénieur Données');
    expect(ok('🚀 Senior Data Engineer 🚀')).toMatchObject({ title: 'Data Engineer', attributes: { seniority: 'senior' } });
    expect(ok('Senior, Remote, Contract')).toMatchObject({ title: 'Senior', attributes: { remote: 'remote', employment: 'contract' } });
  });
});
