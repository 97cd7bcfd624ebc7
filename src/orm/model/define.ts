import { ForeignKeyDef } from "../relations/foreign-key.js";
import { BaseModel } from "./base.js";
import { OPTIONS } from "./meta-of.js";
import { Options, type DeclaredField, type MetaOptions } from "./options.js";
import { declaredClassName } from "./declared-name.js";
import type { InitData, ModelClass, ModelFields, ModelStatic } from "./types.js";

/**
 * Declare a model: app label, fields (declared once; instance types are inferred), Meta options.
 *
 * ```ts
 * export class Place extends Model("one_to_one", {
 *   name: CharField({ maxLength: 50 }),
 *   address: CharField({ maxLength: 80 }),
 * }) {
 *   toString() { return `${this.name} the place`; }
 * }
 * // table one_to_one_place (id, name, address)
 * ```
 */
export function Model<const F extends Record<string, DeclaredField>>(
  appLabel: string,
  fields: F,
  meta: MetaOptions = {},
): ModelStatic<BaseModel & ModelFields<F>, InitData<F>> {
  const base = defineModel(appLabel, fields, meta);
  // Registered now under the declared class's name (Django registers a model when its class
  // statement runs); the user's class takes over as the model when it is first used.
  const name = meta.name ?? declaredClassName(1);
  if (name) (base as unknown as { [OPTIONS]: Options })[OPTIONS].declare(name);
  return base as never;
}

/** Untyped form of `Model()`, used for generated models (many-to-many through tables). */
export function defineModel(appLabel: string, fields: Record<string, DeclaredField>, meta: MetaOptions): ModelClass {
  const base = class extends BaseModel {};
  const options = new Options(appLabel, fields, meta, base as unknown as ModelClass);
  Object.defineProperty(base, OPTIONS, { value: options });
  for (const field of options.fields) {
    if (field instanceof ForeignKeyDef) field.installAccessor(base.prototype);
  }
  // Generated models have no user subclass: they are complete as they are.
  if (meta.autoCreated) options.bind(base as unknown as ModelClass);
  return base as unknown as ModelClass;
}
