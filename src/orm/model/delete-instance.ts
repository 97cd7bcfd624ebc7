import { writeDbFor } from "./route.js";
import { InvalidOperation } from "../errors.js";
import { Collector } from "../deletion/collector.js";
import type { Options } from "./options.js";

/** `[total, { "app.Model": count }]`, as Django's `delete()` returns. */
export type DeleteResult = [number, Record<string, number>];

export async function deleteInstance(instance: Record<string, unknown>, options: Options, opts: { using?: string }): Promise<DeleteResult> {
  if (instance[options.pk.attname] === null || instance[options.pk.attname] === undefined) {
    throw new InvalidOperation(`${options.objectName} object can't be deleted because its ${options.pk.attname} attribute is set to None.`);
  }
  const collector = new Collector(opts.using ?? writeDbFor(options.model, instance));
  return collector.run(async () => {
    await collector.collect(options, [instance]);
  });
}
