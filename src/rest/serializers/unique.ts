import type { Field, ModelClass, QuerySet } from "../../index.js";
import { ErrorDetail } from "../errors/error-detail.js";

const UNIQUE = "%(model_name)s with this %(field_label)s already exists.";

/**
 * DRF's `UniqueValidator` for one model field: the message of the model field's `unique` error
 * (`system with this student already exists.`); the instance being updated does not count.
 */
export async function checkUnique(model: ModelClass, field: Field, value: unknown, instancePk: unknown): Promise<ErrorDetail | null> {
  if (!(await takenByAnother(model.objects.filter({ [field.name]: value }), instancePk))) return null;
  const template = (field as unknown as { errorMessages: Record<string, string> }).errorMessages.unique ?? UNIQUE;
  const text = template.replace("%(model_name)s", model.meta.verboseName).replace("%(field_label)s", field.verboseName);
  return new ErrorDetail(text, "unique");
}

/** DRF's `UniqueTogetherValidator`: `The fields a, b must make a unique set.` */
export async function checkUniqueTogether(
  model: ModelClass,
  names: readonly string[],
  values: Record<string, unknown>,
  instancePk: unknown,
): Promise<ErrorDetail | null> {
  const matching = model.objects.filter(Object.fromEntries(names.map((n) => [n, values[n]])));
  if (!(await takenByAnother(matching, instancePk))) return null;
  return new ErrorDetail(`The fields ${names.join(", ")} must make a unique set.`, "unique");
}

/** Does a row other than the instance being updated (if any) match? */
function takenByAnother(matching: QuerySet<any>, instancePk: unknown): Promise<boolean> {
  const others = instancePk === undefined || instancePk === null ? matching : matching.exclude({ pk: instancePk });
  return others.exists();
}
