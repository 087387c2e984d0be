import { fc } from '@fast-check/vitest';
import { HOSTILE_STRINGS } from './hostile.js';

/** The JSON Schema subset the OpenAPI document uses for parameters. */
export interface ParamSchema {
  type?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  example?: unknown;
}

/**
 * Values for one parameter, as the text that goes in the URL: values valid under its schema
 * (pattern, length, enum, range), values just outside it, its example and known-good values,
 * and the hostile list.
 */
export function parameterArbitrary(schema: ParamSchema, known: readonly string[] = []): fc.Arbitrary<string> {
  const valid = validArbitrary(schema);
  const edges = edgeValues(schema);
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 1, arbitrary: fc.constantFrom(...edges) },
    ...(known.length ? [{ weight: 3, arbitrary: fc.constantFrom(...known) }] : []),
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  );
}

function validArbitrary(schema: ParamSchema): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...schema.enum.map(String));
  if (schema.type === 'integer' || schema.type === 'number') {
    const min = schema.minimum ?? -1_000_000;
    const max = schema.maximum ?? 1_000_000;
    return schema.type === 'integer' ? fc.integer({ min, max }).map(String) : fc.double({ min, max, noNaN: true }).map(String);
  }
  if (schema.type === 'boolean') return fc.constantFrom('true', 'false');
  const maxLength = Math.min(schema.maxLength ?? 60, 60);
  const minLength = schema.minLength ?? 0;
  if (schema.pattern) {
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
  }
  return fc.string({ minLength, maxLength, unit: 'grapheme' });
}

/** Values at and just past the schema's bounds. */
function edgeValues(schema: ParamSchema): string[] {
  const out = ['', ' '];
  if (schema.minimum !== undefined) out.push(String(schema.minimum), String(schema.minimum - 1));
  if (schema.maximum !== undefined) out.push(String(schema.maximum), String(schema.maximum + 1));
  if (schema.maxLength !== undefined) out.push('a'.repeat(schema.maxLength), 'a'.repeat(schema.maxLength + 1));
  if (schema.example !== undefined) out.push(String(schema.example));
  if (schema.default !== undefined) out.push(String(schema.default));
  return out;
}
