/** A developer error in the REST configuration; the message says what to change. */
export class ImproperlyConfigured extends Error {
  override name = "ImproperlyConfigured";
}
