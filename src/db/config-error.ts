/** The project's configuration is wrong (Django's ImproperlyConfigured). */
export class ImproperlyConfigured extends Error {
  override name = "ImproperlyConfigured";
}
