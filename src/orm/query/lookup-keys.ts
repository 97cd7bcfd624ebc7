/**
 * Compile-time checks of lookup keys (`filter({ question__pub_date__year__gte: 2024 })`),
 * type-only: nothing here exists at runtime.
 *
 * Keys are checked, not enumerated: a union of every `rel__rel__field__lookup` string of a
 * 50-model project has hundreds of thousands of members, so (as Kysely does for references)
 * each key the caller wrote is parsed on its own, segment by segment, against the instance
 * type. The cost grows with the keys written, not with the size of the schema.
 *
 * Relations are read from the instance type: a forward key is `Related<M>` (`M | Promise<M>`),
 * a many-to-many field or a declared reverse manager is a manager of `M`, a declared reverse
 * one-to-one (`declare restaurant: Related<Restaurant>`) is `Related<M>`. A declared
 * `article_set` manager is queried as `article` (Django's default related query name); the
 * accessor name itself is accepted too, because a forward many-to-many may end in `_set`.
 *
 * Keys that are not statically known stay possible: a key of type `string` (an index
 * signature, a `Lookups` object, a computed `${name}__in`), a `Q({...})`, and a queryset
 * whose rows have no fixed names (`values()` rows) are not checked.
 */
import type { Expression } from "../expressions/expression.js";
import type { QNode } from "./q.js";
import type { QuerySet } from "./queryset.js";

/** Lookups every field accepts (src/orm/lookups/registry.ts). */
type LookupName = "exact" | "iexact" | "contains" | "icontains" | "startswith" | "istartswith" | "endswith"
  | "iendswith" | "gt" | "gte" | "lt" | "lte" | "regex" | "iregex" | "search" | "in" | "range" | "isnull";
/** Lookups on a relation itself (`author__in`, `author__isnull`): compare the key. */
type RelationLookupName = "exact" | "in" | "isnull" | "gt" | "gte" | "lt" | "lte" | "range";
/** Transforms before a lookup (src/orm/lookups/transforms.ts). */
type TransformName = "year" | "month" | "day" | "week_day" | "quarter" | "hour" | "minute" | "second" | "date";

/** Relation hops checked; a longer path is accepted unchecked (and checked when the query is built). */
type Hops = [0, 0, 1, 2];
type MaxHops = 3;

/** Members of a model instance that are no lookup names. */
type NotAField = "save" | "delete" | "fullClean" | "clean" | "refreshFromDb" | "toString" | "constructor";

/** The model a relation member leads to, or never for a plain field. */
export type RelationTarget<V> = 0 extends 1 & V ? never // `any` (the `pk` getter): a plain value
  : V extends { getQueryset(): QuerySet<infer M> }
  ? M
  : [Extract<V, PromiseLike<unknown>>] extends [never] ? never : NonNullable<Awaited<Extract<V, PromiseLike<unknown>>>>;

/** The member of `T` a lookup segment names (`article` for a declared `article_set`). */
type Member<T, S extends string> = S extends NotAField ? never
  : S extends keyof T | "pk" ? S
  : `${S}_set` extends keyof T ? `${S}_set`
  : never;

/** Rows without fixed names (`values()`, `any`) are not checked. */
type Open<T> = string extends keyof T ? true : false;

/** What follows a plain field: `lookup`, `transform`, `transform__lookup`, ... */
type CheckTail<Field extends string, R extends string> = R extends LookupName | TransformName ? true
  : R extends `${TransformName}__${infer Rest}` ? CheckTail<Field, Rest>
  : `Unsupported lookup '${R}' for '${Field}'.`;

/**
 * `true` when `K` is a lookup key of `T`, else a message: Django's FieldError wording for the
 * first segment that does not resolve.
 */
export type CheckLookup<T, K extends string, D extends number = MaxHops> = string extends K ? true
  : Open<T> extends true ? true
  : K extends `${infer H}__${infer R}` ? CheckSegment<T, H, R, D>
  : [Member<T, K>] extends [never] ? `Cannot resolve keyword '${K}' into field.` : true;

type CheckSegment<T, H extends string, R extends string, D extends number> = Member<T, H> extends infer M
  ? [M] extends [never] ? `Cannot resolve keyword '${H}' into field.`
  : [RelationTarget<T[M & keyof T]>] extends [never] ? CheckTail<H, R>
  : R extends RelationLookupName ? true
  : D extends 0 ? true
  : CheckLookup<RelationTarget<T[M & keyof T]>, R, Hops[D]>
  : never;

/** A path without lookups (`orderBy`, `values`): fields and transforms across relations. */
export type CheckPath<T, K extends string, D extends number = MaxHops> = string extends K ? true
  : Open<T> extends true ? true
  : K extends `${infer H}__${infer R}` ? CheckPathSegment<T, H, R, D>
  : [Member<T, K>] extends [never] ? `Cannot resolve keyword '${K}' into field.` : true;

type CheckPathSegment<T, H extends string, R extends string, D extends number> = Member<T, H> extends infer M
  ? [M] extends [never] ? `Cannot resolve keyword '${H}' into field.`
  : [RelationTarget<T[M & keyof T]>] extends [never] ? (R extends TransformName ? true : `Cannot resolve keyword '${R}' into field. Join on '${H}' not permitted.`)
  : D extends 0 ? true
  : CheckPath<RelationTarget<T[M & keyof T]>, R, Hops[D]>
  : never;

/** A relation path (`selectRelated`, `prefetchRelated`): every segment a relation. */
export type CheckRelationPath<T, K extends string, D extends number = MaxHops> = string extends K ? true
  : Open<T> extends true ? true
  : K extends `${infer H}__${infer R}` ? CheckRelationSegment<T, H, D, R>
  : CheckRelationSegment<T, K, D>;

type CheckRelationSegment<T, H extends string, D extends number, R extends string | undefined = undefined> = Member<T, H> extends infer M
  ? [M] extends [never] ? `Invalid field name given in relation path: '${H}'.`
  : [RelationTarget<T[M & keyof T]>] extends [never] ? `Non-relational field given in relation path: '${H}'.`
  : R extends string ? (D extends 0 ? true : CheckRelationPath<RelationTarget<T[M & keyof T]>, R, Hops[D]>) : true
  : never;

/** `filter()` keyword lookups: each key checked; a bad key's value must be its message (so it fails, readably). */
export type TypedLookups<T, L> = { [K in keyof L]: K extends string ? (CheckLookup<T, K> extends true ? L[K] : CheckLookup<T, K>) : L[K] };

/** An `orderBy()` name: a path, `-path`, or `?`. */
export type OrderKey<T, K extends string> = K extends "?" ? K
  : K extends `-${infer P}` ? (CheckPath<T, P> extends true ? K : CheckPath<T, P>)
  : CheckPath<T, K> extends true ? K : CheckPath<T, K>;

/** A `values()` / `valuesList()` name. */
export type PathKey<T, K extends string> = K extends string ? (CheckPath<T, K> extends true ? K : CheckPath<T, K>) : never;

/** A `selectRelated()` / `prefetchRelated()` path. */
export type RelationKey<T, K extends string> = K extends string ? (CheckRelationPath<T, K> extends true ? K : CheckRelationPath<T, K>) : never;

/** `filter()` / `exclude()` / `get()` arguments: Q objects and expressions as they are, keyword lookups checked. */
export type FilterArgs<T, A extends unknown[]> = { [I in keyof A]: FilterArg<T, A[I]> };
type FilterArg<T, X> = X extends QNode | Expression<boolean> ? X : TypedLookups<T, X>;
