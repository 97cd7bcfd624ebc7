import { FieldError } from "../errors.js";
import { ForeignKeyDef } from "../relations/foreign-key.js";
import { ReverseRelation } from "../relations/reverse.js";
import type { Options } from "../model/options.js";
import type { Query, RelatedSelect } from "./query.js";

/**
 * Add the joins and columns for `selectRelated(paths)`: forward foreign keys and one-to-ones
 * (either direction), any depth. No paths: every non-null foreign key, followed down to
 * `MAX_DEPTH` levels (Django's `select_related()` without arguments).
 */
export function addSelectRelated(query: Query, paths: string[]): Query {
  const copy = query.clone();
  const wanted = paths.length ? paths : nonNullPaths(copy.options);
  for (const path of wanted) {
    let options = copy.options;
    let alias = copy.baseAlias;
    let outer = false;
    let parent = -1;
    for (const name of path.split("__")) {
      const field = options.findField(name);
      const forward = field instanceof ForeignKeyDef;
      const reverseOne = field instanceof ReverseRelation && !field.multiple;
      if (!forward && !reverseOne) {
        const choices = options.fields.filter((f) => f instanceof ForeignKeyDef).map((f) => f.name);
        throw new FieldError(`Invalid field name(s) given in select_related: '${name}'. Choices are: ${choices.join(", ") || "(none)"}`);
      }
      const hop = forward ? field.forwardPath()[0]! : (field as ReverseRelation).path()[0]!;
      const join = copy.join(alias, { ...hop, nullable: forward ? hop.nullable : true }, outer, -1, false);
      const accessor = forward ? field.name : (field as ReverseRelation).accessorName;
      const existing = copy.related.findIndex((r) => r.parent === parent && r.accessor === accessor);
      if (existing >= 0) {
        parent = existing;
      } else {
        const fk = forward ? field : (field as ReverseRelation).field as ForeignKeyDef;
        const select: RelatedSelect = {
          accessor,
          backAccessor: fk.oneToOne ? (forward ? fk.reverse.accessorName : fk.name) : null,
          alias: join.alias,
          options: hop.to,
          parent,
        };
        copy.related.push(select);
        parent = copy.related.length - 1;
      }
      alias = join.alias;
      outer = join.outer;
      options = hop.to;
    }
  }
  return copy;
}

const MAX_DEPTH = 5;

/** Paths of the non-null foreign keys from `options`, recursively (`restaurant__place`). */
function nonNullPaths(options: Options, prefix = "", depth = 1): string[] {
  const paths: string[] = [];
  for (const field of options.fields) {
    if (!(field instanceof ForeignKeyDef) || field.null) continue;
    const path = prefix + field.name;
    const deeper = depth < MAX_DEPTH ? nonNullPaths(field.requireResolved().remote, `${path}__`, depth + 1) : [];
    paths.push(...(deeper.length ? deeper : [path]));
  }
  return paths;
}
