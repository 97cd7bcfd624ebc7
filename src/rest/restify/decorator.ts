import type { ModelClass } from "../../index.js";
import type { RestifyOptions } from "./options.js";
import { markModel } from "./registry.js";

/**
 * Marks a model for `restifyApp` (django-to-rest's `@restifyModel`), as a TypeScript 5 class
 * decorator or a plain call:
 *
 * ```ts
 * @restifyModel()
 * export class Question extends Model("polls", { question_text: CharField({ maxLength: 200 }) }) {}
 *
 * restifyModel({ exclude: ["secret"] })(Place); // without decorator syntax
 * ```
 */
export function restifyModel(options: RestifyOptions = {}) {
  return function <C extends Function>(value: C, context?: ClassDecoratorContext): void {
    markModel(value as unknown as ModelClass, options);
    // Register the model now, as Django does at import: its relations then show on the models
    // it points at (reverse accessors, nested routes) however the app is built.
    const bind = () => void (value as unknown as ModelClass).meta;
    if (context) context.addInitializer(bind);
    else bind();
  };
}
