/**
 * Python's `difflib.get_close_matches(word, possibilities)` (n=3, cutoff=0.6), which Django uses
 * for "perhaps you meant startswith or istartswith?". Lookup names are short, so the plain
 * Ratcliff/Obershelp matching below is fast enough and gives difflib's exact ratios.
 */
export function closeMatches(word: string, possibilities: Iterable<string>, n = 3, cutoff = 0.6): string[] {
  const scored: [number, string][] = [];
  for (const candidate of new Set(possibilities)) {
    const total = candidate.length + word.length;
    const score = total ? (2 * matchingCharacters(candidate, word)) / total : 1;
    if (score >= cutoff) scored.push([score, candidate]);
  }
  // heapq.nlargest over (score, candidate): best score first, ties by the larger name.
  scored.sort((x, y) => y[0] - x[0] || (x[1] < y[1] ? 1 : x[1] > y[1] ? -1 : 0));
  return scored.slice(0, n).map(([, candidate]) => candidate);
}

/** Characters in matching blocks: the longest common run, then the same left and right of it. */
function matchingCharacters(a: string, b: string): number {
  let size = 0;
  let startA = 0;
  let startB = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++;
      if (k > size) [size, startA, startB] = [k, i, j];
    }
  }
  if (size === 0) return 0;
  return size + matchingCharacters(a.slice(0, startA), b.slice(0, startB)) + matchingCharacters(a.slice(startA + size), b.slice(startB + size));
}
