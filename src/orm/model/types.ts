import type { MultipleObjectsReturned, ObjectDoesNotExist } from "../errors.js";
import type { FieldTypes } from "../fields/field.js";
import type { ForeignKeyDef } from "../relations/foreign-key.js";
import type { ManyToManyFieldDef } from "../relations/many-to-many.js";
import type { ManyRelatedManager } from "../relations/accessors/many-related-manager.js";
import type { Manager } from "../query/manager.js";
import type { BaseModel } from "./base.js";
import type { Options } from "./options.js";

/** A primary key value. */
export type PkValue = number | string;

/**
 * A relation you await to read and assign an instance to write:
 * `const place = await restaurant.place; restaurant.place = otherPlace;`
 */
export type Related<T> = T | Promise<T>;

type FieldValue<F> = F extends { __types?: FieldTypes<infer T, infer N, any> } ? (N extends true ? T | null : T) : never;
type IsRelation<F> = F extends ForeignKeyDef<any, any, any> | ManyToManyFieldDef<any> ? true : false;
type InstanceOf<M> = M extends abstract new (...args: any) => infer I ? I : BaseModel & Record<string, any>;
type NullableFk<F> = F extends ForeignKeyDef<any, infer N, any> ? N : false;
type HasPrimaryKey<F> = true extends { [K in keyof F]: F[K] extends { __types?: FieldTypes<any, any, infer P> } ? P : false }[keyof F] ? true : false;

/** The instance properties a field map declares: values, relation accessors, `<fk>_id` keys, `id`. */
export type ModelFields<F> = {
  -readonly [K in keyof F as IsRelation<F[K]> extends true ? never : K]: FieldValue<F[K]>;
} & {
  -readonly [K in keyof F as F[K] extends ForeignKeyDef<any, any, any> ? K : never]: F[K] extends ForeignKeyDef<infer M, any, any>
    ? Related<NullableFk<F[K]> extends true ? InstanceOf<M> | null : InstanceOf<M>> : never;
} & {
  -readonly [K in keyof F as F[K] extends ForeignKeyDef<any, any, any> ? `${K & string}_id` : never]:
    NullableFk<F[K]> extends true ? PkValue | null : PkValue;
} & {
  readonly [K in keyof F as F[K] extends ManyToManyFieldDef<any> ? K : never]: F[K] extends ManyToManyFieldDef<infer M>
    ? ManyRelatedManager<InstanceOf<M>> : never;
} & (HasPrimaryKey<F> extends true ? {} : { id: number });

/** What `new Model({...})` and `objects.create({...})` accept. */
export type InitData<F> = {
  [K in keyof F as IsRelation<F[K]> extends true ? never : K]?: FieldValue<F[K]>
    | (Exclude<FieldValue<F[K]>, null> extends Date ? string : never)
    | (F[K] extends { readonly __dateInput: true } ? Date : never);
} & {
  [K in keyof F as F[K] extends ForeignKeyDef<any, any, any> ? K : never]?: F[K] extends ForeignKeyDef<infer M, any, any>
    ? InstanceOf<M> | null : never;
} & {
  [K in keyof F as F[K] extends ForeignKeyDef<any, any, any> ? `${K & string}_id` : never]?: PkValue | null;
} & { pk?: PkValue; id?: PkValue };

/** The static side every model class has. */
export interface ModelStatic<I, D = Record<string, unknown>> {
  new (data?: D): I;
  readonly objects: Manager<I>;
  readonly meta: Options;
  readonly DoesNotExist: typeof ObjectDoesNotExist;
  readonly MultipleObjectsReturned: typeof MultipleObjectsReturned;
  readonly prototype: I;
}

/** Any model class (used where the concrete model is not known statically). */
export type ModelClass<I = any> = ModelStatic<I, any> & Function;

/**
 * The names `objects.create({...})` accepts for instances of type `I`: fields, relations and
 * `<fk>_id` keys, `pk` (methods and managers left out), so a misspelt name is a type error.
 * Values are checked when saved.
 */
export type CreateData<I> = {
  [K in keyof I as K extends string ? (I[K] extends ((...args: any[]) => unknown) | Manager<any> ? never : K) : never]?: unknown;
};
