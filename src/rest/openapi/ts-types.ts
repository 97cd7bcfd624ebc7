import type { Schema } from "./field-schema.js";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A property key as TypeScript accepts it. */
export const tsKey = (name: string) => (IDENTIFIER.test(name) ? name : JSON.stringify(name));

/**
 * A JSON Schema (as our OpenAPI 3.1 documents write them) as a TypeScript type: `$ref`s become
 * the component's name, null in a type list becomes `| null`, read-only properties `readonly`,
 * optional ones `?`, `{}` becomes `unknown`.
 */
export function tsType(schema: Schema | undefined, indent = ""): string {
  if (!schema || Object.keys(schema).length === 0) return "unknown";
  if (typeof schema.$ref === "string") return schema.$ref.split("/").pop() as string;
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(" | ");
  const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  // A string with alternative formats (`anyOf: [{format}, {const: ""}]`) is still a string.
  if (union && schema.type === "string") return "string";
  if (union) return [...new Set(union.map((s) => tsType(s, indent)))].join(" | ");
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : schema.type ? [schema.type as string] : [];
  if (types.length === 0) return "unknown";
  return types.map((t) => single(t, schema, indent)).join(" | ");
}

function single(type: string, schema: Schema, indent: string): string {
  switch (type) {
    case "string":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array": {
      const item = tsType(schema.items as Schema | undefined, indent);
      return /[|&]/.test(item) ? `(${item})[]` : `${item}[]`;
    }
    case "object":
      return objectType(schema, indent);
    default:
      return "unknown";
  }
}

function objectType(schema: Schema, indent: string): string {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  const inner = `${indent}  `;
  const lines = Object.entries(properties).map(([name, prop]) => {
    const doc = typeof prop.description === "string" ? `${inner}/** ${prop.description.replace(/\*\//g, "* /")} */\n` : "";
    return `${doc}${inner}${prop.readOnly ? "readonly " : ""}${tsKey(name)}${required.has(name) ? "" : "?"}: ${tsType(prop, inner)};`;
  });
  const extra = schema.additionalProperties;
  if (extra && typeof extra === "object") lines.push(`${inner}[key: string]: ${tsType(extra as Schema, inner)};`);
  else if (extra !== false && lines.length === 0) return "Record<string, unknown>";
  return lines.length ? `{\n${lines.join("\n")}\n${indent}}` : "Record<string, never>";
}
