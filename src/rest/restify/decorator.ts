import type { ModelClass } from "../../index.js";
import type { RestifyOptions } from "./options.js";
import { markModel } from "./registry.js";

type Decorator = <C extends Function>(value: C, context?: ClassDecoratorContext) => void;

/**
 * Marks a model for `restifyApp` (django-to-rest's `@restifyModel`), as a TypeScript 5 class
 * decorator, bare or with options, or as a plain call:
 *
 * ```ts
 * @restifyModel
 * export class Question extends Model("polls", { question_text: CharField({ maxLength: 200 }) }) {}
 *
 * @restifyModel({ exclude: ["secret"] })
 * export class Account extends Model("bank", { ... }) {}
 *
 * restifyModel({ exclude: ["secret"] })(Place); // without decorator syntax
 * ```
 */
export function restifyModel<C extends Function>(value: C, context: ClassDecoratorContext): void;
export function restifyModel(options?: RestifyOptions): Decorator;
export function restifyModel(first?: RestifyOptions | Function, context?: ClassDecoratorContext): Decorator | void {
  if (typeof first === "function") return decorator({})(first, context);
  return decorator(first ?? {});
}

function decorator(options: RestifyOptions): Decorator {
  return (value, context) => {
    markModel(value as unknown as ModelClass, options);
    // Register the model now, as Django does at import: its relations then show on the models
    // it points at (reverse accessors, nested routes) however the app is built.
    const bind = () => void (value as unknown as ModelClass).meta;
    if (context) context.addInitializer(bind);
    else bind();
  };
}
