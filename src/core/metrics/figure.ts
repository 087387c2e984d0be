/** Small constructors for figures, so every metric states its provenance the same way. */
import type { EstimateOrigin, KnownFigure, MissingFigure, Provenance } from './types.js';

/** A known value with its source, period and method. */
export function known<T>(value: T, prov: Provenance, method: string, note?: string): KnownFigure<T> {
  const fig: KnownFigure<T> = { value, source: prov.source, period: prov.period, method };
  if (note !== undefined) fig.note = note;
  return fig;
}

/** An absent value and the reason it is absent. */
export function missing(reason: string): MissingFigure {
  return { value: null, reason };
}

/** Marks a figure as borrowed from another career (kept as is when already missing). */
export function borrowed<F extends { value: unknown }>(fig: F, from: EstimateOrigin): F {
  return fig.value === null ? fig : { ...fig, estimatedFrom: from };
}

/** Rounds to `decimals` places, half away from zero, without binary-float artifacts. */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * f + 1e-9)) / f;
}
