/** How the test client encodes request data (DRF's `format=`). */
export type RequestFormat = "json" | "form" | "multipart";

export interface EncodedBody {
  readonly body: Uint8Array;
  readonly contentType: string;
}

type FormValue = string | number | boolean | Blob | null | undefined;

/** Encodes data as a body of the given format; multipart goes through the platform FormData. */
export async function encodeBody(data: unknown, format: RequestFormat): Promise<EncodedBody> {
  if (format === "json") {
    return { body: new TextEncoder().encode(JSON.stringify(data)), contentType: "application/json" };
  }
  if (format === "form") {
    const params = new URLSearchParams();
    for (const [key, value] of formEntries(data)) {
      if (value instanceof Blob) throw new TypeError(`Field "${key}" holds a file: use format "multipart".`);
      params.append(key, value == null ? "" : String(value));
    }
    const body = new TextEncoder().encode(params.toString());
    return { body, contentType: "application/x-www-form-urlencoded" };
  }
  const form = new FormData();
  for (const [key, value] of formEntries(data)) {
    if (value instanceof Blob) form.append(key, value, value instanceof File ? value.name : "blob");
    else form.append(key, value == null ? "" : String(value));
  }
  const request = new Request("http://localhost/", { method: "POST", body: form });
  return {
    body: new Uint8Array(await request.arrayBuffer()),
    contentType: request.headers.get("content-type") as string,
  };
}

/** Flattens `{ a: 1, tags: ["x", "y"] }` into repeated keys, as forms send lists. */
function* formEntries(data: unknown): Generator<[string, FormValue]> {
  if (data === null || typeof data !== "object") throw new TypeError("Form data must be an object.");
  for (const [key, value] of Object.entries(data)) {
    if (Array.isArray(value)) for (const item of value) yield [key, item as FormValue];
    else yield [key, value as FormValue];
  }
}
