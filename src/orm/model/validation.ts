import { ValidationError, type ValidationMessage } from "../errors.js";
import type { Field } from "../fields/field.js";
import { ForeignKeyDef } from "../relations/foreign-key.js";
import { pyRepr } from "../fields/field.js";
import type { Options } from "./options.js";
import { stateOf } from "./state.js";
import { isAutoPk } from "./persistence.js";

type Instance = Record<string, unknown> & { clean(): void | Promise<void> };

export interface CleanOptions {
  /** Field names not to validate. */
  exclude?: string[];
  validateUnique?: boolean;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Django's `full_clean`: each field's coercion, validators, choices/null/blank; then `clean()`;
 * then uniqueness against the database. All messages are collected per field.
 */
export async function fullClean(instance: Instance, options: Options, clean: CleanOptions): Promise<void> {
  const exclude = new Set(clean.exclude ?? []);
  const errors: Record<string, ValidationMessage[]> = {};
  const add = (name: string, messages: ValidationMessage[]) => {
    (errors[name] ??= []).push(...messages);
  };
  for (const field of options.fields) {
    if (exclude.has(field.name)) continue;
    const raw = instance[field.attname];
    if (field.blank && field.isEmpty(raw)) continue;
    if (field.primaryKey && isAutoPk(options) && (raw === null || raw === undefined)) continue;
    try {
      instance[field.attname] = field.clean(raw);
      if (field instanceof ForeignKeyDef && instance[field.attname] !== null) await checkRelatedExists(instance, field);
    } catch (error) {
      if (error instanceof ValidationError) add(field.name, error.errorList);
      else throw error;
    }
  }
  try {
    await instance.clean();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    if (error.errorDict) for (const [name, list] of Object.entries(error.errorDict)) add(name, list);
    else add("__all__", error.errorList);
  }
  if (clean.validateUnique !== false) {
    for (const [name, message] of await uniqueErrors(instance, options, exclude, errors)) add(name, [message]);
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

async function checkRelatedExists(instance: Instance, field: ForeignKeyDef<any, boolean, boolean>): Promise<void> {
  const { remote, targetField } = field.requireResolved();
  const value = instance[field.attname];
  const exists = await remote.model.objects.using(stateOf(instance).db ?? undefined).filter({ [targetField.name]: value }).exists();
  if (!exists) {
    throw new ValidationError({
      message: "%(model)s instance with %(field)s %(value)s does not exist.",
      code: "invalid",
      params: { model: remote.verboseName, field: targetField.name, value: pyRepr(value) },
    });
  }
}

async function uniqueErrors(instance: Instance, options: Options, exclude: Set<string>, known: Record<string, unknown>): Promise<[string, ValidationMessage][]> {
  const groups: Field[][] = options.fields.filter((f) => f.unique && !exclude.has(f.name)).map((f) => [f]);
  for (const names of options.uniqueTogether) {
    if (names.some((n) => exclude.has(n))) continue;
    groups.push(names.map((n) => options.getField(n) as Field));
  }
  const found: [string, ValidationMessage][] = [];
  const pk = instance[options.pk.attname];
  const adding = stateOf(instance).adding;
  for (const group of groups) {
    if (group.some((f) => f.name in known)) continue;
    const values = group.map((f) => instance[f.attname]);
    if (values.some((v) => v === null || v === undefined)) continue;
    if (group.length === 1 && group[0] === options.pk && isAutoPk(options) && adding) continue;
    let query = options.model.objects.using(stateOf(instance).db ?? undefined)
      .filter(Object.fromEntries(group.map((f, i) => [f.attname, values[i]])));
    if (!adding && pk !== null && pk !== undefined) query = query.exclude({ pk });
    if (!(await query.exists())) continue;
    const labels = group.map((f) => capitalize(f.verboseName));
    const label = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
    found.push([group.length === 1 ? group[0]!.name : "__all__", {
      message: "%(model_name)s with this %(field_label)s already exists.",
      code: group.length === 1 ? "unique" : "unique_together",
      params: { model_name: capitalize(options.verboseName), field_label: label },
    }]);
  }
  return found;
}
