import { compilePattern, type CompiledPattern, type Segment } from "./pattern.js";

/** One row of the route table. */
export interface Route<V> {
  /** Django `path()` syntax, e.g. `rest/v1/polls/question/<pk>/`. */
  readonly pattern: string;
  /** For `reverse()`, e.g. `polls_question-detail`. */
  readonly name?: string;
  readonly view: V;
  readonly compiled: CompiledPattern;
}

export interface RouteMatch<V> {
  readonly route: Route<V>;
  /** URL parameters, percent-decoded. */
  readonly params: Record<string, string>;
}

/** `reverse()` found no route of that name, or the parameters do not fit it. */
export class NoReverseMatch extends Error {
  override name = "NoReverseMatch";
}

interface Node<V> {
  readonly statics: Map<string, Node<V>>;
  readonly params: { readonly segment: Extract<Segment, { kind: "param" }>; readonly node: Node<V> }[];
  route?: Route<V>;
}

const node = <V>(): Node<V> => ({ statics: new Map(), params: [] });

/**
 * The route table, with two operations: `add` and `match` (plus `reverse` by name). Paths match
 * with or without their trailing slash, never by redirect; static segments win over parameters.
 */
export class Router<V> {
  readonly #root: Node<V> = node();
  readonly #byName = new Map<string, Route<V>>();
  readonly #routes: Route<V>[] = [];

  get routes(): readonly Route<V>[] {
    return this.#routes;
  }

  add(spec: { pattern: string; name?: string; view: V }): Route<V> {
    const compiled = compilePattern(spec.pattern);
    const route: Route<V> = { ...spec, compiled };
    let current = this.#root;
    for (const segment of compiled.segments) {
      if (segment.kind === "static") {
        let next = current.statics.get(segment.value);
        if (!next) current.statics.set(segment.value, (next = node()));
        current = next;
      } else {
        let entry = current.params.find((p) => p.segment.name === segment.name && p.segment.converter === segment.converter);
        if (!entry) current.params.push((entry = { segment, node: node() }));
        current = entry.node;
      }
    }
    if (current.route) throw new Error(`Route "${spec.pattern}" duplicates "${current.route.pattern}".`);
    if (spec.name !== undefined && this.#byName.has(spec.name)) throw new Error(`Route name "${spec.name}" is used twice.`);
    current.route = route;
    if (spec.name !== undefined) this.#byName.set(spec.name, route);
    this.#routes.push(route);
    return route;
  }

  /** The route for a path (`/a/b/` or `/a/b`), or null. */
  match(path: string): RouteMatch<V> | null {
    if (path.charCodeAt(0) !== 47 /* / */) return null;
    const parts = path.split("/");
    const end = parts[parts.length - 1] === "" ? parts.length - 1 : parts.length;
    const params: Record<string, string> = {};
    const route = walk(this.#root, parts, 1, end, params);
    return route ? { route, params } : null;
  }

  /** The path of a named route, e.g. `reverse("polls_question-detail", { pk: 1 })`. */
  reverse(name: string, params: Record<string, string | number> = {}): string {
    const route = this.#byName.get(name);
    if (!route) {
      throw new NoReverseMatch(`Reverse for "${name}" not found. Route names are: ${[...this.#byName.keys()].join(", ")}.`);
    }
    const parts = route.compiled.segments.map((segment) => {
      if (segment.kind === "static") return segment.value;
      const value = params[segment.name];
      if (value === undefined || !segment.converter.test(String(value))) {
        throw new NoReverseMatch(
          `Reverse for "${name}" needs ${segment.converter.name} parameter "${segment.name}", got ${JSON.stringify(value)}.`,
        );
      }
      return encodeURIComponent(String(value));
    });
    return "/" + parts.join("/") + (parts.length > 0 && route.compiled.trailingSlash ? "/" : "");
  }
}

function walk<V>(at: Node<V>, parts: string[], i: number, end: number, params: Record<string, string>): Route<V> | undefined {
  if (i === end) return at.route;
  const raw = parts[i] as string;
  if (raw === "") return undefined;
  const segment = raw.includes("%") ? decode(raw) : raw;
  if (segment === null) return undefined;
  const child = at.statics.get(segment);
  const found = child && walk(child, parts, i + 1, end, params);
  if (found) return found;
  for (const { segment: param, node: next } of at.params) {
    if (!param.converter.test(segment)) continue;
    const route = walk(next, parts, i + 1, end, params);
    if (route) {
      params[param.name] = segment;
      return route;
    }
  }
  return undefined;
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
