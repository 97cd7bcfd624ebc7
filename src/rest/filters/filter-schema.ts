import type { Field } from "../../index.js";
import { ForeignKeyDef } from "../../orm/relations/foreign-key.js";
import { fieldKind } from "../serializers/field-mapping.js";

const INTEGER = /Integer|AutoField/;

/**
 * The OpenAPI schema of an exact-value filter on a model field: the column's type, so a typed
 * client sends `?votes=3` as a number and `?question=2` as the related key's type.
 */
export function filterParamSchema(modelField: object): Record<string, unknown> {
  // A filterset may name a reverse relation or many-to-many: values are keys, sent as strings.
  if (!("internalType" in modelField)) return { type: "string" };
  const field = modelField as Field;
  const target = field instanceof ForeignKeyDef ? field.requireResolved().targetField : field;
  const kind = fieldKind(target);
  if (INTEGER.test(target.internalType)) return { type: "integer" };
  if (kind === "FloatField") return { type: "number" };
  if (kind === "DecimalField") return { type: "string", format: "decimal" };
  if (kind === "BooleanField") return { type: "boolean" };
  if (kind === "DateTimeField") return { type: "string", format: "date-time" };
  if (kind === "DateField") return { type: "string", format: "date" };
  if (kind === "UUIDField") return { type: "string", format: "uuid" };
  if (field.choices) return { type: "string", enum: field.choices.flatMap(flatChoice) };
  return { type: "string" };
}

function flatChoice(choice: readonly [unknown, unknown]): string[] {
  const [value, label] = choice;
  return Array.isArray(label) ? (label as [unknown, unknown][]).flatMap(flatChoice) : [String(value)];
}
