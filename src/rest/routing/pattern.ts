/**
 * Route patterns in Django's `path()` syntax: `rest/v1/polls/question/<pk>/`, with optional
 * converters `<int:pk>`, `<slug:name>`, `<uuid:id>` (`<str:...>` is the default: one segment).
 */
export type Segment =
  | { readonly kind: "static"; readonly value: string }
  | { readonly kind: "param"; readonly name: string; readonly converter: Converter };

export interface CompiledPattern {
  readonly segments: readonly Segment[];
  readonly trailingSlash: boolean;
}

export interface Converter {
  readonly name: string;
  test(segment: string): boolean;
}

const converter = (name: string, regex: RegExp): Converter => ({ name, test: (s) => regex.test(s) });

const CONVERTERS: Readonly<Record<string, Converter>> = {
  str: converter("str", /^[^/]+$/),
  int: converter("int", /^[0-9]+$/),
  slug: converter("slug", /^[-a-zA-Z0-9_]+$/),
  uuid: converter("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
};

const PARAM = /^<(?:(\w+):)?(\w+)>$/;

export function compilePattern(pattern: string): CompiledPattern {
  const trimmed = pattern.replace(/^\/+/, "");
  const trailingSlash = trimmed === "" || trimmed.endsWith("/");
  const parts = trimmed.split("/").filter((part) => part !== "");
  const segments = parts.map((part): Segment => {
    const match = PARAM.exec(part);
    if (!match) {
      if (part.includes("<")) throw new Error(`Bad route segment "${part}" in "${pattern}": use <name> or <converter:name>.`);
      return { kind: "static", value: part };
    }
    const conv = CONVERTERS[match[1] ?? "str"];
    if (!conv) {
      throw new Error(
        `Unknown path converter "${match[1]}" in "${pattern}". Choices are: ${Object.keys(CONVERTERS).join(", ")}.`,
      );
    }
    return { kind: "param", name: match[2] as string, converter: conv };
  });
  return { segments, trailingSlash };
}

const OUTER_SLASHES = /^\/+|\/+$/g;

/** A path without its leading and trailing slashes: `/rest/v1/` → `rest/v1`. */
export function trimSlashes(path: string): string {
  return path.replace(OUTER_SLASHES, "");
}

/** `path` below `prefix`, both without outer slashes; an empty prefix adds nothing. */
export function joinPath(prefix: string, path: string): string {
  return prefix === "" ? path : `${prefix}/${path}`;
}
