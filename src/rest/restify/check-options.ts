import type { ModelClass } from "../../index.js";
import { ImproperlyConfigured } from "../errors/improperly-configured.js";
import type { RestifyOptions } from "./options.js";

const FIELD_LISTS = ["exclude", "readOnlyFields", "filtersetFields", "searchFields", "orderingFields"] as const;

/**
 * Fails fast on names that match nothing, with the names that would (Django's "Choices are:").
 * Field lists take concrete and many-to-many fields; `exclude` also takes reverse accessors.
 */
export function checkRestifyOptions(model: ModelClass, options: RestifyOptions): void {
  const meta = model.meta;
  const fields = [...meta.fields.map((f) => f.name), ...meta.manyToMany.map((f) => f.name)];
  const accessors = meta.relatedObjects.filter((r) => !r.hidden).map((r) => r.accessorName);
  for (const list of FIELD_LISTS) {
    const known = list === "exclude" ? [...fields, ...accessors] : fields;
    const names = options[list] ?? [];
    if (names === "__all__") continue;
    for (const listed of names) {
      // Search fields may carry DRF's lookup prefix (`^title`, `=title`, `@title`, `$title`).
      const name = list === "searchFields" ? listed.replace(/^[\^=@$]/, "") : listed;
      if (!known.includes(name)) {
        throw new ImproperlyConfigured(
          `@restifyModel ${list} of ${meta.label} names "${name}", which is not one of its fields. Choices are: ${[...known].sort().join(", ")}.`,
        );
      }
    }
  }
  for (const name of Object.keys(options.nestedViews ?? {})) {
    const nested = [...accessors, ...meta.manyToMany.map((f) => f.name)].filter((n) => meta.relatedObjects.some((r) => r.accessorName === n && r.multiple) || meta.manyToMany.some((f) => f.name === n));
    if (!nested.includes(name)) {
      throw new ImproperlyConfigured(
        `@restifyModel nestedViews of ${meta.label} names "${name}", which is not one of its nested routes. Choices are: ${[...nested].sort().join(", ")}.`,
      );
    }
  }
  for (const name of options.methodFields ?? []) {
    if (!(name in model.prototype)) {
      throw new ImproperlyConfigured(`@restifyModel methodFields of ${meta.label} names "${name}": define a getter or method of that name on ${meta.objectName}.`);
    }
  }
}
