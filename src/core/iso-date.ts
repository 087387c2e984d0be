/**
 * Strict ISO 8601 dates for query parameters: `2024-01-31`, optionally with a time and zone.
 * JavaScript's Date.parse accepts `2023-02-31` (it rolls over to March) and PostgreSQL does
 * not, so the calendar date is checked field by field; years run from 1 to 9999.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function isIsoDate(text: string): boolean {
  const m = ISO.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
  if (day > daysInMonth) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return false;
  const zone = m[7] && m[7] !== 'Z' ? /^[+-](\d{2}):?(\d{2})$/.exec(m[7]) : null;
  return !zone || (Number(zone[1]) <= 14 && Number(zone[2]) <= 59);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
