/**
 * Annual USD salary figures. O*NET careers: the newest OEWS row (min = p10, max = p90),
 * else the newest salary-survey year with at least SURVEY_MIN_COUNT respondents (min/max =
 * the lowest and highest submission). Career-page
 * careers: the declared range; their median and quartiles stay null (a page gives a range,
 * and a midpoint would be a made-up figure).
 */
import { comparePeriods } from '../periods.js';
import { known, missing } from './figure.js';
import type { Figure, KnownFigure, SalaryMetrics, WageObservation } from './types.js';
import type { CareerFacts, DeclaredFigures } from './types.js';

/** Fewer survey respondents than this for a year give no salary figure. */
export const SURVEY_MIN_COUNT = 10;

type Pct = 'p10' | 'p25' | 'median' | 'p75' | 'p90';

function fromWage(w: WageObservation, key: Pct): Figure<number> {
  const v = w[key];
  if (v === null || !Number.isFinite(v)) return missing(`OEWS publishes no ${key} for this occupation`);
  const notes = [
    w.topCoded[key] ? 'top-coded: the true value is at least this' : null,
    w.mapped ? `BLS published hybrid code ${w.mapped.from}, a wider group` : null,
    w.hourlyOnly
      ? 'BLS publishes only hourly wages for this occupation, as the work is often not full-time and year-round: this is the hourly wage × 2,080 hours, not what workers earn in a year'
      : null,
  ];
  const note = notes.filter((n) => n !== null).join('; ') || undefined;
  const fig = known(Math.round(v), w, `oews-${key}`, note);
  if (w.topCoded[key]) fig.atLeast = true;
  if (w.hourlyOnly) fig.hourlyOnly = true;
  return fig;
}

const byPeriodDesc = <T extends { period: string | null }>(xs: T[]) => [...xs].sort((x, y) => comparePeriods(String(y.period ?? ''), String(x.period ?? '')));

/** Salary from OEWS, else the survey, else null with reasons. */
export function computeSalary(facts: CareerFacts): SalaryMetrics {
  const wage = byPeriodDesc(facts.wages).find((w) => w.median !== null || w.p90 !== null);
  if (wage) {
    return {
      min: fromWage(wage, 'p10'),
      max: fromWage(wage, 'p90'),
      median: fromWage(wage, 'median'),
      p25: fromWage(wage, 'p25'),
      p75: fromWage(wage, 'p75'),
      currency: 'USD',
      period: 'year',
    };
  }
  const survey = [...facts.salarySurveys].filter((s) => s.count >= SURVEY_MIN_COUNT).sort((x, y) => y.workYear - x.workYear)[0];
  if (survey) {
    const f = (k: 'min' | 'p25' | 'median' | 'p75' | 'max'): KnownFigure<number> => known(Math.round(survey[k]), survey, `survey-${k} (n=${survey.count})`);
    return { min: f('min'), max: f('max'), median: f('median'), p25: f('p25'), p75: f('p75'), currency: 'USD', period: 'year' };
  }
  const none = missing('no wage or salary-survey data for this career');
  return { min: none, max: none, median: none, p25: none, p75: none, currency: 'USD', period: 'year' };
}

/** The declared salary range of a career page; missing parts are null with a reason. */
export function declaredSalary(d: DeclaredFigures): SalaryMetrics {
  const pageOnly = missing('the career page gives a salary range only');
  const fig = (v: number | undefined, what: string): Figure<number> =>
    v !== undefined && Number.isFinite(v) ? known(Math.round(v), d, 'declared') : missing(`the career page gives no ${what}`);
  return {
    min: fig(d.salaryMin, 'minimum salary'),
    max: fig(d.salaryMax, 'maximum salary'),
    median: pageOnly,
    p25: pageOnly,
    p75: pageOnly,
    currency: 'USD',
    period: 'year',
  };
}
