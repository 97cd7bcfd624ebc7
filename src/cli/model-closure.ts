import type { ModelClass } from "../index.js";

/** What this module reads of a model's metadata: the targets of its relations. */
interface RelationMeta {
  readonly fields: readonly { readonly remote?: { readonly model: ModelClass } }[];
  readonly manyToMany: readonly { readonly remote: { readonly model: ModelClass } }[];
}

/**
 * The given models and every model they depend on, transitively: foreign-key and one-to-one
 * targets and many-to-many targets (`createTables` adds the through tables). A served model
 * whose foreign key points at a model that is not served still needs that table, or its first
 * request fails with "no such table".
 */
export function withDependencies(models: readonly ModelClass[]): ModelClass[] {
  const out: ModelClass[] = [];
  const visit = (model: ModelClass) => {
    if (out.includes(model)) return;
    out.push(model);
    const meta = (model as unknown as { meta: RelationMeta }).meta;
    for (const field of meta.fields) if (field.remote) visit(field.remote.model);
    for (const m2m of meta.manyToMany) visit(m2m.remote.model);
  };
  models.forEach(visit);
  return out;
}
