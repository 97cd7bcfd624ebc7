import { createRequire } from "node:module";
import { ImproperlyConfigured } from "./config-error.js";

// Resolved from torest's own location, so a driver the project installed beside torest is found.
const require = createRequire(import.meta.url);

/**
 * Loads a database driver the first time a database of its kind is opened. `pg` and `mysql2`
 * are optional peer dependencies: a project that only uses SQLite never installs or loads them,
 * and one that names a `postgres://` URL without `pg` installed is told what to install.
 */
export function loadDriver<T>(name: string, scheme: string): T {
  try {
    return require(name) as T;
  } catch (error) {
    const code = (error as { code?: string }).code;
    // Only the driver itself missing, not a module the installed driver fails to find.
    if (code === "MODULE_NOT_FOUND" && String((error as Error).message).includes(`'${name}'`)) {
      const pkg = name.split("/")[0] as string;
      throw new ImproperlyConfigured(
        `A ${scheme}:// database needs the "${pkg}" package, which is not installed. Install it in your project: npm install ${pkg}`,
      );
    }
    throw error;
  }
}
