import { FieldError, InvalidOperation, ValidationError } from "../errors.js";
import { pyRepr, type Field } from "../fields/field.js";
import { isLookup, LOOKUPS, RELATION_LOOKUPS } from "../lookups/registry.js";
import { isSqlExpr, type SqlExpr } from "../expressions/sql-expr.js";
import { FloatFieldDef } from "../fields/numeric.js";
import { BooleanFieldDef } from "../fields/boolean.js";
import { findTransform, TRANSFORMS } from "../lookups/transforms.js";
import { closeMatches } from "../lookups/close-matches.js";
import type { Options } from "../model/options.js";
import { ForeignKeyDef } from "../relations/foreign-key.js";
import { isModelInstance } from "../model/state.js";
import { QNode } from "./q.js";
import type { Query } from "./query.js";
import { resolvePath } from "./resolve-path.js";
import { whereNode, type Lhs, type LookupNode, type WhereChild, type WhereNode } from "./where.js";
import { Expression } from "../expressions/expression.js";

/** Anything with a compiled query: a QuerySet used as an `__in` value. */
export interface HasQuery {
  readonly query: Query;
}

// Recognised by shape: this module is loaded by query.ts and must not import it back.
function isQuerySet(value: unknown): value is HasQuery {
  if (typeof value !== "object" || value === null || !("query" in value)) return false;
  const query = (value as { query: unknown }).query;
  return typeof query === "object" && query !== null && typeof (query as Query).withFilter === "function";
}

/**
 * Turn a Q tree into where nodes on `query` (mutated; the caller passes a clone). Under a
 * negation, a lookup across a multi-valued relation becomes `pk IN (subquery)` so that
 * `exclude(children__name="x")` excludes parents having such a child, as Django does.
 */
export function buildWhere(query: Query, q: QNode, filterCall: number, negated = false): WhereNode {
  const inside = negated !== q.negated;
  const children: WhereChild[] = [];
  for (const child of q.children) {
    if (child instanceof QNode) {
      children.push(buildWhere(query, child, filterCall, inside));
      continue;
    }
    if (child instanceof Expression) {
      // A boolean expression (`Q(Exists(...))`): true rows match.
      children.push(isTrue(child.resolve({ query, filterCall, reuse: false, allowJoins: true })));
      continue;
    }
    const [key, value] = child as readonly [string, unknown];
    children.push(buildLookup(query, key, value, filterCall, inside));
  }
  return whereNode(q.connector, children, q.negated);
}

/** The condition "this boolean expression is true" (`filter(Exists(...))`, `Q(Exists(...))`). */
export function isTrue(expr: SqlExpr): LookupNode {
  return { kind: "lookup", lhs: { kind: "exprref", expr, field: new BooleanFieldDef(), nullable: false }, lookup: "exact", rhs: true };
}

function buildLookup(query: Query, key: string, value: unknown, filterCall: number, negated: boolean): WhereChild {
  const names = key.split("__");
  // Expressions on the right are resolved only once the left side is known to stay in this
  // query (a negated multi-valued lookup moves into a subquery, with its expression).
  const resolveRhs = () => (value instanceof Expression ? value.resolve({ query, filterCall, reuse: false, allowJoins: true }) : value);
  const annotation = query.annotations.find((a) => a.name === names[0]);
  if (annotation) return annotationLookup(annotation.expr, names.slice(1), resolveRhs());
  const joinsBefore = query.joins.length;
  const path = resolvePath(query, names, filterCall);
  if (negated && path.multiValued) {
    query.joins.length = joinsBefore;
    const inner = (query.constructor as typeof Query).forModel(query.options).withFilter({ [key]: value }, false);
    const pk = query.options.pk;
    return {
      kind: "subquery",
      lhs: { kind: "col", alias: query.baseAlias, column: pk.column, field: pk, nullable: false },
      query: inner,
    };
  }
  const rhs = resolveRhs();
  const { lhs, lookup } = transformsAndLookup(path.column, path.rest, path.relationKind);
  if (path.relation && !RELATION_LOOKUPS.has(lookup)) throw new FieldError(`Related Field got invalid lookup: ${lookup}`);
  if (path.target) checkObjectType(path.target, rhs, path.ownModel);
  return makeLookup(lhs, lookup, rhs);
}

/**
 * Django's `check_query_object_type`: an instance compared with a relation must be of its model
 * (or, when the relation is the primary key, of the model itself: `pk__exact=restaurant`).
 */
function checkObjectType(target: Options, value: unknown, ownModel?: Options): void {
  for (const v of Array.isArray(value) ? value : [value]) {
    if (isModelInstance(v) && !(v instanceof target.model) && !(ownModel && v instanceof ownModel.model)) {
      throw new InvalidOperation(`Cannot query "${String(v)}": Must be "${target.objectName}" instance.`);
    }
    if (isModelInstance(v) && (v.pk === null || v.pk === undefined)) {
      throw new InvalidOperation("Model instances passed to related filters must be saved.");
    }
  }
}

/** A lookup on an annotation (`filter({ n__gt: 1 })` after `annotate({ n: Count(...) })`). */
function annotationLookup(expr: SqlExpr, rest: string[], value: unknown): WhereChild {
  const field = expr.field ?? new FloatFieldDef();
  const { lhs, lookup } = transformsAndLookup({ kind: "exprref", expr, field, nullable: true }, rest);
  return makeLookup(lhs, lookup, value);
}

/**
 * The names after a field (Django's `build_lookup`): transforms (`year`), then one lookup,
 * `exact` by default; a last name that is not a lookup is tried as a transform compared with
 * `exact`. A path ending on a relation (`relationKind`) is compared by key and takes no
 * transforms. An unknown name is reported with everything after it and close matches.
 */
function transformsAndLookup(lhs: Lhs, rest: string[], relationKind?: string): { lhs: Lhs; lookup: string } {
  const names = rest.length ? rest : ["exact"];
  const transform = (index: number): Lhs => {
    const name = names[index]!;
    const found = relationKind ? undefined : findTransform(lhs.field, name);
    if (!found) {
      const available = relationKind ? [...RELATION_LOOKUPS] : lookupsOf(lhs.field);
      const suggestions = closeMatches(name, available);
      const suggestion = suggestions.length ? `, perhaps you meant ${suggestions.join(" or ")}?` : ".";
      throw new FieldError(`Unsupported lookup '${names.slice(index).join("__")}' for ${relationKind ?? kindOf(lhs.field)} or join on the field not permitted${suggestion}`);
    }
    return { kind: "transform", name, arg: lhs, field: found.output(), nullable: lhs.nullable };
  };
  for (let index = 0; index < names.length - 1; index++) lhs = transform(index);
  const last = names[names.length - 1]!;
  if (isLookup(last)) return { lhs, lookup: last };
  return { lhs: transform(names.length - 1), lookup: "exact" };
}

/** Lookups and transforms a field takes (Django's `get_lookups()`), for suggestions. */
function lookupsOf(field: Field): string[] {
  return [...Object.keys(LOOKUPS), ...Object.keys(TRANSFORMS).filter((name) => findTransform(field, name))];
}

function kindOf(field: Field): string {
  return (field as { kind?: string }).kind ?? field.internalType;
}

function makeLookup(lhs: Lhs, lookup: string, value: unknown): WhereChild {
  if (isSqlExpr(value)) {
    const kind = LOOKUPS[lookup]!;
    // `in` takes a Subquery (its SQL is parenthesised); the comparisons take any expression.
    if ((kind.kind !== "operator" || kind.pattern) && kind.kind !== "in") {
      throw new FieldError(`The '${lookup}' lookup does not accept an expression; use exact, gt, gte, lt, lte or in (with a Subquery).`);
    }
    return { kind: "lookup", lhs, lookup, rhs: value };
  }
  if (lookup === "isnull") {
    if (typeof value !== "boolean") throw new InvalidOperation("The QuerySet value for an isnull lookup must be True or False.");
    return { kind: "lookup", lhs, lookup, rhs: value };
  }
  if (lookup === "in") {
    if (isQuerySet(value)) {
      if (lhs.kind !== "col") throw new InvalidOperation("A queryset as an __in value needs a plain column on the left.");
      return { kind: "subquery", lhs, query: value.query };
    }
    if (typeof value !== "object" || value === null || !(Symbol.iterator in value)) {
      throw new InvalidOperation(`Field '${lhs.field.name}' __in lookup expects a list of values, got ${String(value)}.`);
    }
    const values = [...(value as Iterable<unknown>)].filter((v) => v !== null && v !== undefined).map((v) => prep(lhs.field, v));
    return values.length ? { kind: "lookup", lhs, lookup, rhs: [...new Set(values)] } : { kind: "nothing" };
  }
  if (lookup === "range") {
    if (!Array.isArray(value) || value.length !== 2) throw new InvalidOperation("A __range lookup expects two values: [low, high].");
    return { kind: "lookup", lhs, lookup, rhs: value.map((v) => prep(lhs.field, v)) };
  }
  if (value === null || value === undefined) {
    if (lookup !== "exact" && lookup !== "iexact") throw new InvalidOperation(`Cannot use None as a query value for '${lookup}'.`);
    return { kind: "lookup", lhs, lookup: "isnull", rhs: true };
  }
  const pattern = lookup !== "exact" && lookup !== "gt" && lookup !== "gte" && lookup !== "lt" && lookup !== "lte";
  return { kind: "lookup", lhs, lookup, rhs: pattern ? String(value) : prep(lhs.field, value) };
}

/** Prepare a right-hand value with the left-hand field; model instances give their key. */
function prep(field: Field, value: unknown): unknown {
  // A model instance stands for its key: the referenced field for a foreign key to its model,
  // else its primary key (e.g. `restaurant=r` compared on the restaurant's key column).
  if (isModelInstance(value) && !(field instanceof ForeignKeyDef && value instanceof field.requireResolved().remote.model)) {
    value = value.pk;
  }
  try {
    return field.prepValue(value);
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new InvalidOperation(`Field '${field.name}' expected ${expectation(field)} but got ${pyRepr(value)}.`);
    }
    throw error;
  }
}

function expectation(field: Field): string {
  const type = field instanceof ForeignKeyDef ? field.targetField.internalType : field.internalType;
  return /Integer|Auto|Float|Decimal/.test(type) ? "a number" : `a valid ${kindOf(field)} value`;
}
