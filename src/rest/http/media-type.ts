/** A parsed media type: `application/json; charset=utf-8` → type/subtype plus params. */
export interface MediaType {
  /** Lower-case `type/subtype`, "" when the header is missing or empty. */
  readonly essence: string;
  readonly params: Readonly<Record<string, string>>;
  /** Quality from `q=`, 1 when absent (Accept headers only). */
  readonly quality: number;
}

const QUOTED = /^"(.*)"$/;

export function parseMediaType(header: string | undefined): MediaType {
  if (!header) return { essence: "", params: {}, quality: 1 };
  const parts = header.split(";");
  const params: Record<string, string> = {};
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] as string;
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    params[key] = part.slice(eq + 1).trim().replace(QUOTED, "$1");
  }
  const q = params.q === undefined ? 1 : Number(params.q);
  return {
    essence: (parts[0] as string).trim().toLowerCase(),
    params,
    quality: Number.isFinite(q) ? q : 0,
  };
}

/** The media ranges of an Accept header, best first (stable for equal quality). */
export function parseAccept(header: string | undefined): MediaType[] {
  if (!header || !header.trim()) return [parseMediaType("*/*")];
  return header
    .split(",")
    .map(parseMediaType)
    .filter((range) => range.essence !== "" && range.quality > 0)
    .sort((a, b) => b.quality - a.quality);
}

/** Does `range` (`*\/*`, `application/*`, `application/json`) accept `essence`? */
export function mediaRangeMatches(range: string, essence: string): boolean {
  if (range === "*/*" || range === essence) return true;
  return range.endsWith("/*") && essence.startsWith(range.slice(0, -1));
}
