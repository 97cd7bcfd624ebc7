import { Expression } from "../expressions/expression.js";

/** Keyword lookups: `{ place__name__startswith: "Demon" }`. */
export type Lookups = Record<string, unknown>;

/**
 * A composable filter (Django's Q): combine with `.and()`, `.or()`, `.not()`.
 *
 * ```ts
 * Place.objects.filter(Q({ name__startswith: "Demon" }).or(Q({ address__contains: "Ashland" })));
 * // WHERE (name GLOB 'Demon*' OR address GLOB '*Ashland*')
 * ```
 */
export class QNode {
  constructor(
    readonly connector: "AND" | "OR",
    /** Sub-trees, `[lookup, value]` pairs, and boolean expressions (`Exists(...)`). */
    readonly children: readonly (QNode | readonly [string, unknown] | Expression<boolean>)[],
    readonly negated = false,
  ) {
    Object.freeze(this);
  }

  and(...others: (QNode | Lookups | Expression<boolean>)[]): QNode {
    return combine("AND", [this, ...others.map(toQ)]);
  }

  or(...others: (QNode | Lookups | Expression<boolean>)[]): QNode {
    return combine("OR", [this, ...others.map(toQ)]);
  }

  not(): QNode {
    return new QNode(this.connector, this.children, !this.negated);
  }

  get isEmpty(): boolean {
    return this.children.length === 0;
  }
}

/** Build a Q from keyword lookups (ANDed), or from a boolean expression: `Q(Exists(...))`. */
export function Q(lookups: Lookups | Expression<boolean> = {}): QNode {
  if (lookups instanceof Expression) return new QNode("AND", [lookups]);
  return new QNode("AND", Object.entries(lookups).map(([k, v]) => [k, v] as const));
}

/** As Django's `Q._combine`: empty operands (`Q()`, negated or not) drop out. */
function combine(connector: "AND" | "OR", operands: QNode[]): QNode {
  const kept = operands.filter((q) => !q.isEmpty);
  if (kept.length === 1) return kept[0]!;
  return new QNode(connector, kept);
}

export function toQ(value: QNode | Lookups | Expression<boolean>): QNode {
  return value instanceof QNode ? value : Q(value);
}
