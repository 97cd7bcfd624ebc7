/**
 * A multi-valued dict, like Django's `QueryDict`: what form and multipart bodies parse to.
 * `get` gives the last value of a key, `getAll` every value; serializers recognise form input by
 * this class (DRF's `is_html_input`) and read list fields with `getAll`.
 */
export class QueryDict<V = string> implements Iterable<[string, V]> {
  readonly #values = new Map<string, V[]>();

  static fromSearchParams(params: URLSearchParams): QueryDict<string> {
    const dict = new QueryDict<string>();
    for (const [key, value] of params) dict.append(key, value);
    return dict;
  }

  append(key: string, value: V): void {
    const list = this.#values.get(key);
    if (list) list.push(value);
    else this.#values.set(key, [value]);
  }

  get(key: string): V | undefined {
    const list = this.#values.get(key);
    return list ? list[list.length - 1] : undefined;
  }

  getAll(key: string): V[] {
    return [...(this.#values.get(key) ?? [])];
  }

  has(key: string): boolean {
    return this.#values.has(key);
  }

  keys(): IterableIterator<string> {
    return this.#values.keys();
  }

  get size(): number {
    return this.#values.size;
  }

  *[Symbol.iterator](): IterableIterator<[string, V]> {
    for (const [key, list] of this.#values) for (const value of list) yield [key, value];
  }

  /** One value per key (the last), like `dict(querydict.items())`. */
  toObject(): Record<string, V> {
    const out: Record<string, V> = {};
    for (const [key, list] of this.#values) out[key] = list[list.length - 1] as V;
    return out;
  }

  toJSON(): Record<string, V> {
    return this.toObject();
  }
}
