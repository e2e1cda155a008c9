/**
 * zod → JSON Schema (2020-12, which OpenAPI 3.1 uses as is). Schemas given an id with `.meta({ id })`
 * become shared components: zod emits them as `$defs`, which are hoisted into
 * `components.schemas` with their references rewritten.
 */
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;
export type Io = 'input' | 'output';

const COMPONENT_PREFIX = '#/components/schemas/';
const DEFS_PREFIX = '#/$defs/';

function rewriteRefs(value: unknown, rename: (name: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, rename));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) =>
      key === '$ref' && typeof v === 'string' && v.startsWith(DEFS_PREFIX)
        ? [key, `${COMPONENT_PREFIX}${rename(v.slice(DEFS_PREFIX.length))}`]
        : [key, rewriteRefs(v, rename)],
    ),
  );
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class SchemaConverter {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: Io): JsonSchema {
    // Unrepresentable parts (transforms) become `{}` rather than failing the whole document.
    const { $schema: _ignored, $defs, ...root } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
    const defs = ($defs ?? {}) as Record<string, JsonSchema>;
    const names = new Map<string, string>();
    for (const [name, def] of Object.entries(defs)) {
      // The input and output forms of one schema can differ (defaults are optional on input).
      const existing = this.components[name];
      names.set(name, existing === undefined || sameJson(existing, def) ? name : `${name}${io === 'input' ? 'Input' : 'Output'}`);
    }
    const rename = (name: string) => names.get(name) ?? name;
    for (const [name, def] of Object.entries(defs)) this.components[rename(name)] ??= rewriteRefs(def, rename) as JsonSchema;
    return rewriteRefs(root, rename) as JsonSchema;
  }

  /** The properties of an object schema, for turning path and query schemas into parameters. */
  objectProperties(schema: z.ZodType): { name: string; schema: JsonSchema; required: boolean; description?: string }[] {
    let json = this.convert(schema, 'input');
    const ref = json.$ref;
    if (typeof ref === 'string' && ref.startsWith(COMPONENT_PREFIX)) json = this.components[ref.slice(COMPONENT_PREFIX.length)] ?? json;
    const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required ?? []) as string[]);
    return Object.entries(properties).map(([name, prop]) => ({
      name,
      schema: prop,
      required: required.has(name),
      ...(typeof prop.description === 'string' ? { description: prop.description } : {}),
    }));
  }
}
