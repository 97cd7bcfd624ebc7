import { FieldError } from "../errors.js";
import { findTransform } from "../lookups/transforms.js";
import { resolvePath } from "../query/resolve-path.js";
import type { Lhs } from "../query/where.js";
import { Expression, type ResolveContext } from "./expression.js";
import { sqlExpr, type SqlExpr } from "./sql-expr.js";

/**
 * A reference to a field (or an annotation) of the row being computed (Django's `F`), across
 * relations with `__`: `F("question__pub_date")`. Arithmetic: `F("votes").add(1)`.
 *
 * ```ts
 * Choice.objects.filter({ votes__gt: F("question__min_votes") });
 * // ... WHERE "polls_choice"."votes" > "polls_question"."min_votes"
 * ```
 */
export class FExpression<T = unknown> extends Expression<T> {
  constructor(readonly name: string) {
    super();
  }

  resolve(ctx: ResolveContext): SqlExpr {
    const { query } = ctx;
    const annotation = query.annotations.find((a) => a.name === this.name);
    if (annotation) return annotation.expr;
    const joinsBefore = query.joins.length;
    const path = resolvePath(query, this.name.split("__"), ctx.filterCall, ctx.reuse);
    if (!ctx.allowJoins && query.joins.length > joinsBefore) {
      throw new FieldError("Joined field references are not permitted in this query");
    }
    let lhs: Lhs = path.column;
    for (const name of path.rest) {
      const transform: ReturnType<typeof findTransform> = path.relation ? undefined : findTransform(lhs.field, name);
      if (!transform) throw new FieldError(`Cannot resolve keyword '${name}' into field. Join on '${this.name}' not permitted.`);
      lhs = { kind: "transform", name, arg: lhs, field: transform.output(), nullable: lhs.nullable };
    }
    const ref = lhs;
    return sqlExpr(ref.field, (c) => c.lhs(ref));
  }
}

/** `F("votes")`: the value of a field in the same row. */
export function F<T = unknown>(name: string): FExpression<T> {
  return new FExpression<T>(name);
}
