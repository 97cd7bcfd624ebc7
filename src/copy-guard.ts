import { ImproperlyConfigured } from "./db/config-error.js";

/**
 * torest keeps process-wide state: the model registry, the open databases, the models marked
 * with `@restifyModel`. Two copies in one process (a config importing both "torest" and a path
 * into its sources, or two installed versions) would each have their own, and the models of one
 * are "not a model" to the other, far from the cause. Every copy claims the process when it
 * loads (a `Symbol.for` key is shared across copies); a second, different copy fails at once.
 */
const KEY = Symbol.for("torest.loadedFrom");

/** Records `location` as the copy of torest this process uses; throws if another copy did first. */
export function claimProcess(location: string): void {
  const state = globalThis as { [KEY]?: string };
  const first = state[KEY];
  if (first === undefined || first === location) {
    state[KEY] = location;
    return;
  }
  throw new ImproperlyConfigured(
    `torest is loaded twice in this process: from ${first} and from ${location}. ` +
      "Models declared with one copy are not models to the other. Import torest everywhere by its " +
      'package names ("torest", "torest/rest", "torest/cli"), never by a path into its src/ or dist/ ' +
      "folders, and make sure one version is installed (`npm ls torest`).",
  );
}

claimProcess(new URL(".", import.meta.url).href);
