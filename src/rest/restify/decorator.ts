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
  return function <C extends Function>(value: C, _context?: ClassDecoratorContext): void {
    markModel(value as unknown as ModelClass, options);
  };
}
