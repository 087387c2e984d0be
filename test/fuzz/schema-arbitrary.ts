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

/** The JSON Schema subset the OpenAPI document uses for request bodies. */
export interface BodySchema extends ParamSchema {
  $ref?: string;
  anyOf?: BodySchema[];
  oneOf?: BodySchema[];
  properties?: Record<string, BodySchema>;
  required?: string[];
}

/**
 * A request body as the text sent: JSON built from the schema (properties valid, edge, hostile
 * or of the wrong type, required ones sometimes missing, unknown ones sometimes added), any JSON
 * value, text that is not JSON, or nothing. `components` resolves `#/components/schemas/…`.
 */
export function bodyArbitrary(schema: BodySchema, components: { schemas?: Record<string, BodySchema> }): fc.Arbitrary<string | undefined> {
  const resolve = (s: BodySchema): BodySchema => (s.$ref ? resolve(components.schemas?.[s.$ref.replace('#/components/schemas/', '')] ?? {}) : s);
  const value = (s: BodySchema, depth = 0): fc.Arbitrary<unknown> => {
    const r = resolve(s);
    const alternatives = r.anyOf ?? r.oneOf;
    if (alternatives) return fc.oneof(...alternatives.map((a) => value(a, depth)));
    const wrongType = fc.oneof(fc.constantFrom(null, [], {}, 0, -1, Number.POSITIVE_INFINITY, true, ''), fc.constantFrom(...HOSTILE_STRINGS));
    if (r.type === 'object' || r.properties) {
      const props = r.properties ?? {};
      const fields = Object.fromEntries(Object.entries(props).map(([name, p]) => [name, depth < 3 ? value(p, depth + 1) : wrongType]));
      const required = r.required ?? [];
      return fc
        .tuple(
          fc.record(fields, { requiredKeys: required.filter(() => true) }),
          fc.record(fields, { requiredKeys: [] }),
          // Unknown fields in one body of four.
          fc.oneof(
            { weight: 3, arbitrary: fc.constant(null) },
            {
              weight: 1,
              arbitrary: fc.dictionary(fc.constantFrom('extra', '__proto__', 'constructor', 'allowShrink ', ''), fc.jsonValue({ maxDepth: 2 }), {
                minKeys: 1,
                maxKeys: 2,
              }),
            },
          ),
          fc.nat(3),
        )
        .map(([full, partial, extra, pick]) => ({ ...(pick === 0 ? partial : full), ...(extra ?? {}) }));
    }
    if (r.type === 'integer' || r.type === 'number') {
      const min = r.minimum ?? -1_000_000;
      const max = r.maximum ?? 1_000_000;
      // fc.integer takes 32-bit bounds only; wider ranges (everyMs) are drawn from safe integers.
      const inRange = min >= -(2 ** 31) && max < 2 ** 31 ? fc.integer({ min, max }) : fc.maxSafeNat().map((v) => min + (v % (max - min + 1)));
      return fc.oneof(
        { weight: 3, arbitrary: inRange },
        { weight: 1, arbitrary: fc.constantFrom(min - 1, max + 1, 1.5, -0, Number.MAX_SAFE_INTEGER + 2) },
        { weight: 1, arbitrary: wrongType },
      );
    }
    if (r.type === 'boolean')
      return fc.oneof({ weight: 3, arbitrary: r.enum ? fc.constantFrom(...r.enum) : fc.boolean() }, { weight: 1, arbitrary: wrongType });
    return fc.oneof({ weight: 4, arbitrary: parameterArbitrary(r) }, { weight: 1, arbitrary: wrongType });
  };
  return fc.oneof(
    { weight: 6, arbitrary: value(schema).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS, '{', '{"a":', '[', 'null', '{"__proto__":{"admin":true}}', '\uFEFF{}') },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}
