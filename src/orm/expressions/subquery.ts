import { FieldError } from "../errors.js";
import { BooleanField } from "../fields/boolean.js";
import type { Query } from "../query/query.js";
import type { Lhs, WhereNode } from "../query/where.js";
import { Expression, type ResolveContext } from "./expression.js";
import { FExpression } from "./f.js";
import { isSqlExpr, sqlExpr, type SqlExpr } from "./sql-expr.js";

/** A resolved `OuterRef`: stands for a column of the enclosing query until compiled. */
interface OuterPlaceholder extends SqlExpr {
  readonly outerName: string;
}

/**
 * A field of the enclosing query, inside a queryset used as `Subquery`/`Exists`
 * (Django's `OuterRef`): `Comment.objects.filter({ post: OuterRef("pk") })`.
 */
export class OuterRefExpression extends Expression {
  constructor(readonly name: string) {
    super();
  }

  resolve(): SqlExpr {
    const placeholder: OuterPlaceholder = {
      kind: "expr",
      field: null,
      aggregate: false,
      outerName: this.name,
      sql: (c) => c.outerRef(placeholder),
      children: () => [],
    };
    return placeholder;
  }
}

export function OuterRef(name: string): OuterRefExpression {
  return new OuterRefExpression(name);
}

/** Anything with a query: a QuerySet. */
interface HasQuery {
  readonly query: Query;
}

/**
 * A queryset as a value (Django's `Subquery`): it must select one column, with
 * `values("x")` / `valuesList("x", { flat: true })`, else its primary key is used.
 *
 * ```ts
 * const newest = Comment.objects.filter({ post: OuterRef("pk") }).orderBy("-created").values("email").slice(0, 1);
 * Post.objects.annotate({ newest_email: Subquery(newest) });
 * ```
 */
export class SubqueryExpression<T = unknown> extends Expression<T> {
  constructor(readonly queryset: HasQuery) {
    super();
  }

  protected innerQuery(): Query {
    const query = this.queryset.query;
    if (query.valueColumns) {
      if (query.valueColumns.length !== 1) throw new FieldError("Subquery returns more than 1 column; use values() with one field.");
      return query;
    }
    const copy = query.clone();
    copy.valueColumns = [{ name: "pk", expr: new FExpression("pk").resolve({ query: copy, filterCall: -1, reuse: true, allowJoins: true }) }];
    copy.shape = "flat";
    return copy;
  }

  resolve(ctx: ResolveContext): SqlExpr {
    const inner = this.innerQuery();
    const outer = resolveOuterRefs(inner, ctx);
    const field = inner.valueColumns![0]!.expr.field;
    return sqlExpr(field, (c) => `(${c.subquerySelect(inner, outer)})`, [...outer.values()], false);
  }
}

export function Subquery<T = unknown>(queryset: HasQuery): SubqueryExpression<T> {
  return new SubqueryExpression<T>(queryset);
}

/** `EXISTS (subquery)`: true when the queryset has a row. Usable in `filter()` and `annotate()`. */
export class ExistsExpression extends SubqueryExpression<boolean> {
  override resolve(ctx: ResolveContext): SqlExpr {
    const inner = this.queryset.query.clone();
    inner.ordering = [];
    inner.valueColumns = [{ name: "a", expr: sqlExpr(null, () => "1") }];
    inner.annotations = inner.annotations.filter((a) => a.expr.aggregate);
    const outer = resolveOuterRefs(inner, ctx);
    return sqlExpr(BooleanField(), (c) => `EXISTS(${c.subquerySelect(inner, outer)})`, [...outer.values()], false);
  }
}

export function Exists(queryset: HasQuery): ExistsExpression {
  return new ExistsExpression(queryset);
}

/** Resolve every `OuterRef` of `inner` against the enclosing query. */
function resolveOuterRefs(inner: Query, ctx: ResolveContext): Map<object, SqlExpr> {
  const found: OuterPlaceholder[] = [];
  const visitExpr = (expr: SqlExpr) => {
    if ("outerName" in expr) found.push(expr as OuterPlaceholder);
    for (const child of expr.children()) visitExpr(child);
  };
  const visitLhs = (lhs: Lhs) => {
    if (lhs.kind === "exprref") visitExpr(lhs.expr);
    else if (lhs.kind === "transform") visitLhs(lhs.arg);
  };
  const visitWhere = (node: WhereNode) => {
    for (const child of node.children) {
      if (child.kind === "where") visitWhere(child);
      else if (child.kind === "lookup") {
        visitLhs(child.lhs);
        if (isSqlExpr(child.rhs)) visitExpr(child.rhs);
      }
    }
  };
  visitWhere(inner.where);
  visitWhere(inner.having);
  for (const a of inner.annotations) visitExpr(a.expr);
  for (const v of inner.valueColumns ?? []) visitExpr(v.expr);
  const outer = new Map<object, SqlExpr>();
  for (const placeholder of found) {
    outer.set(placeholder, new FExpression(placeholder.outerName).resolve({ ...ctx, reuse: true }));
  }
  return outer;
}
