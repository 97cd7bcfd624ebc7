/**
 * torest: Django's models and ORM for TypeScript.
 *
 * ```ts
 * import { Model, CharField, OneToOneField, CASCADE } from "torest";
 * ```
 */
import "./copy-guard.js"; // fails at load time if another copy of torest is already loaded
// First: connects the ORM's layers before any model can be declared.
import "./orm/setup.js";
export { Model } from "./orm/model/define.js";
export { BaseModel } from "./orm/model/base.js";
export type { Options, MetaOptions } from "./orm/model/options.js";
export type { ModelClass, ModelStatic, ModelFields, InitData, Related, PkValue } from "./orm/model/types.js";
export type { SaveOptions } from "./orm/model/persistence.js";
export type { DeleteResult } from "./orm/model/delete-instance.js";
export { apps } from "./orm/model/registry.js";

export { Field, type FieldOptions, type Choices, type ChoicesInput } from "./orm/fields/field.js";
export { CharField, TextField, EmailField, URLField, SlugField, type CharFieldOptions } from "./orm/fields/text.js";
export {
  AutoField, BigAutoField, SmallAutoField, IntegerField, SmallIntegerField, BigIntegerField,
  PositiveIntegerField, PositiveSmallIntegerField, PositiveBigIntegerField, FloatField,
} from "./orm/fields/numeric.js";
export { DecimalField, type DecimalFieldOptions } from "./orm/fields/decimal.js";
export { BooleanField } from "./orm/fields/boolean.js";
export { DateField, DateTimeField, type DateFieldOptions } from "./orm/fields/temporal.js";
export { UUIDField } from "./orm/fields/uuid.js";
export { JSONField } from "./orm/fields/json.js";
export * as validators from "./orm/fields/validators.js";

export { ForeignKey, OneToOneField, type ForeignKeyOptions } from "./orm/relations/foreign-key.js";
export { ManyToManyField, type ManyToManyOptions } from "./orm/relations/many-to-many.js";
export { CASCADE, PROTECT, RESTRICT, SET_NULL, SET_DEFAULT, SET, DO_NOTHING, type OnDelete } from "./orm/relations/on-delete.js";
export { hasRelated } from "./orm/relations/accessors/reverse-one-to-one.js";
export { loaded } from "./orm/relations/loaded.js";
export type { RelatedManager } from "./orm/relations/accessors/related-manager.js";
export type { ManyRelatedManager } from "./orm/relations/accessors/many-related-manager.js";

export { Q, QNode, type Lookups } from "./orm/query/q.js";
export { QuerySet } from "./orm/query/queryset.js";
export { Manager } from "./orm/query/manager.js";
export { Prefetch, prefetchRelatedObjects, type PrefetchLookup } from "./orm/query/prefetch.js";
export type { BulkCreateOptions } from "./orm/query/bulk.js";

export { Expression, OrderBy, Value, ValueExpression, CombinedExpression, ExpressionWrapper, type ResolveContext, type NullsOrder } from "./orm/expressions/expression.js";
export {
  Extract, ExtractYear, ExtractQuarter, ExtractMonth, ExtractDay, ExtractWeekDay, ExtractHour, ExtractMinute, ExtractSecond,
  TruncDate, ExtractExpression, TruncDateExpression,
} from "./orm/expressions/datetime.js";
export { F, FExpression } from "./orm/expressions/f.js";
export { Aggregate, Count, Sum, Avg, Min, Max, type AggregateOptions } from "./orm/expressions/aggregates.js";
export { Func, Coalesce, Now, Abs, Cast, Greatest, Least } from "./orm/expressions/functions.js";
export { Lower, Upper, Concat, Trim, LTrim, RTrim, Replace, Substr, Length } from "./orm/expressions/text.js";
export { Case, When, CaseExpression, WhenClause, type CaseOptions } from "./orm/expressions/conditional.js";
export { Subquery, Exists, OuterRef, SubqueryExpression, ExistsExpression } from "./orm/expressions/subquery.js";
export { Window, WindowExpression, RowNumber, Rank, DenseRank, Lag, Lead, type WindowOptions } from "./orm/expressions/window.js";
export { captureQueries, assertNumQueries, type CapturedQuery, type CapturedQueries } from "./db/query-log.js";

export {
  ObjectDoesNotExist, MultipleObjectsReturned, FieldError, FieldDoesNotExist, InvalidOperation,
  ValidationError, ProtectedError, RestrictedError, ImproperlyConfigured, ModelTypeError,
  DatabaseError, IntegrityError, OperationalError, TransactionManagementError,
} from "./orm/errors.js";

export { createTables, dropTables } from "./orm/schema/create-tables.js";
export { atomic, onCommit, inTransaction } from "./db/transaction.js";
export { configureDatabases, closeDatabases, getBackend } from "./db/connection.js";
export { configureRouters, allowMigrate, type DatabaseRouter, type RouterHints } from "./db/router.js";
import "./db/register.js";
export { parseDatabaseUrl, type DatabaseSettings } from "./db/url.js";
export { PreciseDate, formatDateTimeIso } from "./db/values.js";
