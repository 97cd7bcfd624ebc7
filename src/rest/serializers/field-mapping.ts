import type { Field } from "../../index.js";
import { ValidationError as ModelValidationError, formatMessage as formatModelMessage } from "../../orm/errors.js";
import { ErrorDetail } from "../errors/error-detail.js";
import { ValidationError } from "../errors/exceptions.js";
import { ForeignKeyDef } from "../../orm/relations/foreign-key.js";
import type { SerializerField, SerializerFieldOptions } from "./fields/base.js";
import { BooleanField } from "./fields/boolean.js";
import { ChoiceField } from "./fields/choice.js";
import { JSONField, UUIDField } from "./fields/misc.js";
import { DecimalField, FloatField, IntegerField } from "./fields/numbers.js";
import { PrimaryKeyRelatedField } from "./fields/relations.js";
import { CharField, EmailField, SlugField, URLField } from "./fields/text.js";
import { DateField, DateTimeField } from "./fields/temporal.js";

type Build = (field: Field, options: SerializerFieldOptions) => SerializerField;

/** DRF's ModelSerializer maps these model fields to their own serializer fields. */
const TEXT_KINDS: Record<string, typeof CharField> = { EmailField, URLField, SlugField };

/**
 * Integers get the model field's range (Django's backend limits, e.g. 32 bits for IntegerField)
 * as `max_value` / `min_value`, as DRF's `get_field_kwargs` turns the model's Min/MaxValueValidators
 * into them: an out-of-range value (of any size) is a 400 with DRF's message on every database.
 * OPTIONS shows them as DRF does, except a plain IntegerField's: the recorded DRF conformance
 * suite (Django on SQLite, whose `integer_field_range` is unbounded) shows none there.
 */
const modelChecks = (field: Field) => [(value: unknown) => runModelValidators(field, value)];
const integer: Build = (field, options) => {
  // DRF's get_field_kwargs returns early for AutoField: read-only, no bounds.
  const { range, isAuto } = field as Field & { range?: readonly [number, number]; isAuto?: boolean };
  const bounds = range && !isAuto ? { minValue: range[0], maxValue: range[1] } : {};
  const hideBounds = fieldKind(field) === "IntegerField";
  return new IntegerField({ ...bounds, hideBounds, ...options, validators: modelChecks(field) });
};
const text: Build = (field, options) => {
  const Kind = TEXT_KINDS[fieldKind(field)] ?? CharField;
  return new Kind({
    ...options,
    maxLength: field.maxLength,
    allowBlank: field.blank,
    // The model's own validators (email, URL, slug); max length is checked above, with DRF's wording.
    validators: field.validators.length || ["EmailField", "URLField", "SlugField"].includes(fieldKind(field))
      ? [(value) => runModelValidators(field, value)]
      : [],
  });
};

/** Model field kind → serializer field (DRF's `ModelSerializer.serializer_field_mapping`). */
const MAPPING: Record<string, Build> = {
  CharField: text,
  TextField: text,
  EmailField: text,
  URLField: text,
  SlugField: text,
  AutoField: integer,
  BigAutoField: integer,
  SmallAutoField: integer,
  IntegerField: integer,
  SmallIntegerField: integer,
  BigIntegerField: integer,
  PositiveIntegerField: integer,
  PositiveSmallIntegerField: integer,
  PositiveBigIntegerField: integer,
  FloatField: (f, o) => new FloatField({ ...o, validators: modelChecks(f) }),
  DecimalField: (f, o) => {
    const d = f as Field & { maxDigits?: number; decimalPlaces?: number };
    return new DecimalField({ ...o, maxDigits: d.maxDigits, decimalPlaces: d.decimalPlaces, validators: modelChecks(f) });
  },
  BooleanField: (_f, o) => new BooleanField(o),
  DateTimeField: (_f, o) => new DateTimeField(o),
  DateField: (_f, o) => new DateField(o),
  UUIDField: (_f, o) => new UUIDField(o),
  JSONField: (_f, o) => new JSONField(o),
};

/** A model field's kind: `EmailField` where the column type (`internalType`) says `CharField`. */
export function fieldKind(field: Field): string {
  return (field as Field & { kind?: string }).kind ?? field.internalType;
}

/** Runs a model field's validators, reporting Django's messages as serializer errors. */
function runModelValidators(field: Field, value: unknown): void {
  try {
    field.runValidators(value as never);
  } catch (error) {
    if (!(error instanceof ModelValidationError)) throw error;
    // Max length and NUL are checked by the serializer field with DRF's wording; a slug too
    // (DRF drops the model's validate_slug for its own message).
    const messages = error.errorList.filter((m) => m.code !== "max_length" && m.code !== "null_characters_not_allowed" &&
      !(m.code === "invalid" && fieldKind(field) === "SlugField"));
    if (messages.length) throw new ValidationError(messages.map((m) => new ErrorDetail(formatModelMessage(m), m.code)));
  }
}

/** The serializer field for a concrete model field (DRF's `build_field`). */
export function buildModelField(field: Field): SerializerField {
  const auto = (field as Field & { isAuto?: boolean }).isAuto === true;
  const readOnly = auto || !field.editable;
  const options: SerializerFieldOptions = {
    label: field.verboseName === "ID" ? "ID" : field.verboseName,
    helpText: field.helpText || undefined,
    readOnly,
    required: readOnly ? false : !(field.hasDefault() || field.blank || field.null),
    allowNull: field.null,
  };
  if (field instanceof ForeignKeyDef) return new PrimaryKeyRelatedField(field, options).bind(field.name);
  if (field.choices && !readOnly) {
    return new ChoiceField({ ...options, choices: field.choices, allowBlank: field.blank }).bind(field.name);
  }
  const build = MAPPING[fieldKind(field)] ?? MAPPING[field.internalType];
  if (!build) throw new Error(`torest/rest has no serializer field for ${fieldKind(field)} (${field.describe()}).`);
  return build(field, options).bind(field.name);
}
