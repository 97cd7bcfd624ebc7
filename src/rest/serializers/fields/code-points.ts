/**
 * The number of characters (code points) of a string, as Django counts them, exact up to
 * `enough` and possibly an estimate above it (still above `enough`). Spreading a 2.5 MB string
 * into an array to count it held the event loop for tens of milliseconds; a string of more
 * than twice `enough` UTF-16 units has more than `enough` code points without counting.
 */
export function codePointLength(value: string, enough: number): number {
  if (value.length > 2 * enough) return Math.ceil(value.length / 2);
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
