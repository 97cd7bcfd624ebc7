import type { ModelClass } from "../../index.js";
import type { RestifyOptions } from "./options.js";

/** A model marked for the API, with its options. */
export interface RestifiedModel {
  readonly model: ModelClass;
  readonly options: RestifyOptions;
}

const marked: RestifiedModel[] = [];

/** Marks a model (the decorator calls this); marking again replaces the options. */
export function markModel(model: ModelClass, options: RestifyOptions): void {
  const at = marked.findIndex((m) => m.model === model);
  if (at >= 0) marked[at] = { model, options };
  else marked.push({ model, options });
}

/** Every marked model, in the order they were marked. */
export function markedModels(): readonly RestifiedModel[] {
  return marked;
}
