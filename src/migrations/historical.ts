import { defineModel } from "../orm/model/define.js";
import { optionsOf } from "../orm/model/meta-of.js";
import type { ModelClass } from "../orm/model/types.js";
import { buildField, type AnyField } from "./fields.js";
import type { ProjectState } from "./state.js";

/**
 * The models as they were at a point of the migration history (Django's `StateApps`), for
 * RunCode: `apps.getModel("polls", "Question")` is a model class with that moment's fields and
 * table, unrelated to today's class. Relations point at the other historical models.
 */
export class HistoricalApps {
  private readonly classes = new Map<string, ModelClass>();

  constructor(private readonly state: ProjectState) {
    for (const model of state.models.values()) {
      const fields: Record<string, AnyField> = {};
      for (const [name, desc] of model.fields) {
        fields[name] = desc.to ? buildField(desc, () => this.classFor(desc.to!)) : buildField(desc);
      }
      const meta = {
        name: model.name,
        dbTable: model.dbTable,
        historical: true,
        ...(model.options.uniqueTogether ? { uniqueTogether: model.options.uniqueTogether } : {}),
      };
      this.classes.set(model.key, defineModel(model.appLabel, fields, meta));
    }
    for (const cls of this.classes.values()) optionsOf(cls);
  }

  private classFor(label: string): ModelClass {
    const cls = this.classes.get(label);
    if (!cls) throw new Error(`No model '${label}' in the migration state.`);
    return cls;
  }

  /** Django's `apps.get_model("app", "Model")` (or one `"app.Model"` argument). */
  getModel(appLabel: string, modelName?: string): ModelClass & { objects: any } {
    const label = modelName === undefined ? appLabel.toLowerCase() : `${appLabel}.${modelName}`.toLowerCase();
    if (!this.state.find(label)) throw new LookupError(`No installed app with label '${label}'.`);
    return this.classFor(label) as ModelClass & { objects: any };
  }
}

/** Django's LookupError from `apps.get_model`. */
export class LookupError extends Error {
  override name = "LookupError";
}
