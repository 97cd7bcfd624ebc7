import { ImproperlyConfigured } from "../errors.js";
import type { Options } from "./options.js";

/**
 * Every bound model, by lower-cased label (Django's `apps`). Relations resolve through here:
 * a relation to a class that is not yet defined, or named by a string, waits in `pending`
 * until its target is known.
 */
class Apps {
  private readonly models = new Map<string, Options>();
  private readonly pending: { resolve(): boolean }[] = [];
  /** Models registered at declaration whose relations have not started resolving yet. */
  private readonly unstarted: Options[] = [];

  declared(options: Options): void {
    this.unstarted.push(options);
  }

  register(options: Options): void {
    const existing = this.models.get(options.labelLower);
    if (existing && existing !== options) {
      throw new ImproperlyConfigured(`Conflicting '${options.modelName}' models in application '${options.appLabel}'.`);
    }
    this.models.set(options.labelLower, options);
  }

  /** Forget a model registered under a name it turned out not to have. */
  unregister(options: Options): void {
    if (this.models.get(options.labelLower) === options) this.models.delete(options.labelLower);
  }

  /** Queue work that needs other models; it is retried until it returns true. */
  defer(task: { resolve(): boolean }): void {
    if (!task.resolve()) this.pending.push(task);
  }

  /** Resolve whatever can be resolved now. Cheap when nothing waits. */
  resolvePending(): void {
    // Each is taken off the list first: a mistake in its relations is reported once.
    while (this.unstarted.length) this.unstarted.shift()!.startRelations();
    if (this.pending.length === 0) return;
    let progress = true;
    while (progress && this.pending.length) {
      progress = false;
      for (let i = 0; i < this.pending.length; i++) {
        if (this.pending[i]!.resolve()) {
          this.pending.splice(i--, 1);
          progress = true;
        }
      }
    }
  }

  /** A model by `"app.Model"` label (case-insensitive), or undefined. */
  find(label: string): Options | undefined {
    return this.models.get(label.toLowerCase());
  }

  /** A model by label; throws naming the labels that exist. */
  getModel(label: string): Options {
    this.resolvePending();
    const found = this.find(label);
    if (!found) {
      throw new ImproperlyConfigured(`No installed model '${label}'. Known: ${[...this.models.values()].map((m) => m.label).join(", ")}.`);
    }
    return found;
  }

  all(): Options[] {
    this.resolvePending();
    return [...this.models.values()];
  }
}

export const apps = new Apps();
