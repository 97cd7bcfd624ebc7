import type { BaseSchemaEditor, AlterHints } from "../db/schema-editor.js";
import type { ModelState, ProjectState } from "./state.js";
import { isManyToMany, tableOf, throughTableOf } from "./table-spec.js";

/** Alter a model's table from its shape in one state to its shape in another. */
export async function alterModelTable(editor: BaseSchemaEditor, from: ProjectState, fromModel: ModelState, to: ProjectState, toModel: ModelState, hints?: AlterHints): Promise<void> {
  await editor.alterTable(tableOf(from, fromModel), tableOf(to, toModel), hints);
}

/**
 * Follow the auto-created through tables touched by a rename of a model or of its table: they
 * are renamed, and their key columns (named after the models) renamed with them. `pairs` maps
 * each model key of `from` to its key in `to`.
 */
export async function syncThroughTables(editor: BaseSchemaEditor, from: ProjectState, to: ProjectState, pairs: ReadonlyMap<string, string>): Promise<void> {
  for (const [fromKey, toKey] of pairs) {
    void toKey;
    for (const owner of from.models.values()) {
      const newOwner = to.find(pairs.get(owner.key) ?? owner.key);
      if (!newOwner) continue;
      for (const [name, desc] of owner.fields) {
        if (!isManyToMany(desc) || (owner.key !== fromKey && desc.to !== fromKey)) continue;
        const newDesc = newOwner.field(name);
        if (!newDesc) continue;
        const before = throughTableOf(from, owner, name, desc);
        const after = throughTableOf(to, newOwner, name, newDesc);
        if (!before || !after) continue;
        const renamed: Record<string, string> = {};
        after.columns.forEach((c, i) => (renamed[c.name] = before.columns[i]!.name));
        await editor.alterTable(before, after, { renamed });
      }
    }
  }
}
