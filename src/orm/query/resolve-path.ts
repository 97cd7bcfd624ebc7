import { FieldError } from "../errors.js";
import type { Field } from "../fields/field.js";
import type { Options } from "../model/options.js";
import { ForeignKeyDef } from "../relations/foreign-key.js";
import { ManyToManyFieldDef } from "../relations/many-to-many.js";
import type { PathHop } from "../relations/path.js";
import { ReverseRelation } from "../relations/reverse.js";
import type { Query } from "./query.js";
import type { ColumnRef } from "./where.js";

/** Where a `a__b__c` path ends: the column compared, and the names left for transforms/lookups. */
export interface ResolvedPath {
  column: ColumnRef;
  rest: string[];
  /** The path ended on a relation (compared by key): only key lookups apply. */
  relation: boolean;
  /** Crossed a relation that can match several rows. */
  multiValued: boolean;
  /** The model a path ending on a relation points at (instances compared must be of it). */
  target?: Options;
  /** The class Django names in "Unsupported lookup ... for ForeignKey" for a path ending on a relation. */
  relationKind?: string;
  /** A path ending on a primary key that is a one-to-one: the model's own instances compare too. */
  ownModel?: Options;
}

function relationKindOf(field: ForeignKeyDef | ManyToManyFieldDef<any> | ReverseRelation): string {
  if (field instanceof ForeignKeyDef) return field.kind;
  if (field instanceof ManyToManyFieldDef) return "ForeignKey";
  return field.isManyToMany ? "ManyToManyRel" : field.multiple ? "ManyToOneRel" : "OneToOneRel";
}

function hopsOf(field: Field | ManyToManyFieldDef<any> | ReverseRelation): PathHop[] | null {
  if (field instanceof ReverseRelation) return field.path();
  if (field instanceof ManyToManyFieldDef) return field.forwardPath();
  if (field instanceof ForeignKeyDef) return field.forwardPath();
  return null;
}

function lookupField(options: Options, name: string) {
  return name === "pk" ? options.pk : options.findField(name);
}

/** The field a hop's target column belongs to (trimming a direct hop compares this key). */
function fieldOfColumn(options: Options, column: string): Field {
  return options.fields.find((f) => f.column === column) ?? options.pk;
}

/**
 * Resolve lookup names into joins on `query` (mutated: call on a clone). Forward joins at the
 * end of a path are trimmed when the key column on the near side answers the same question,
 * so `place=p1` and `place__pk=1` compare `place_id` without a join, as in Django.
 */
export function resolvePath(query: Query, names: string[], filterCall: number, reuseMultiValued = false): ResolvedPath {
  let options = query.options;
  let alias = query.baseAlias;
  let outer = false;
  let multiValued = false;
  const follow = (hops: PathHop[]) => {
    for (const hop of hops) {
      const join = query.join(alias, hop, outer, filterCall, reuseMultiValued);
      alias = join.alias;
      outer = join.outer;
      multiValued ||= hop.multiValued;
    }
  };
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const field = lookupField(options, name);
    if (!field) {
      const choices = i === 0 ? [...options.lookupNames(), ...query.annotations.map((a) => a.name)].sort() : options.lookupNames();
      throw new FieldError(`Cannot resolve keyword '${name}' into field. Choices are: ${choices.join(", ")}`);
    }
    const hops = hopsOf(field);
    if (!hops) {
      const plain = field as Field;
      return {
        column: { kind: "col", alias, column: plain.column, field: plain, nullable: plain.null || outer },
        rest: names.slice(i + 1),
        relation: false,
        multiValued,
      };
    }
    const target = hops.at(-1)!.to;
    const next = names[i + 1];
    const nextField = next === undefined ? undefined : lookupField(target, next);
    const last = hops.at(-1)!;
    // Ends on the relation itself, or on the very key the last direct hop points at.
    const endsHere = nextField === undefined;
    const keyOfLast = !endsHere && last.direct && nextField === fieldOfColumn(target, last.toColumn) && !hopsOf(nextField!);
    if (endsHere || keyOfLast) {
      follow(last.direct ? hops.slice(0, -1) : hops);
      const column: ColumnRef = last.direct
        ? { kind: "col", alias, column: last.fromColumn, field: fieldOfColumn(last.from, last.fromColumn), nullable: last.nullable || outer }
        : { kind: "col", alias, column: target.pk.column, field: target.pk, nullable: true };
      const relationField = field as ForeignKeyDef | ManyToManyFieldDef<any> | ReverseRelation;
      const own = relationField instanceof ForeignKeyDef && relationField.primaryKey ? { ownModel: relationField.model } : {};
      return {
        column, rest: names.slice(i + (keyOfLast ? 2 : 1)), relation: endsHere, multiValued,
        ...(endsHere ? { target, relationKind: relationKindOf(relationField), ...own } : {}),
      };
    }
    follow(hops);
    options = target;
  }
  throw new FieldError("Empty lookup path.");
}
