import { inspect } from "node:util";
import type { Manager } from "../query/manager.js";
import { optionsOf } from "./meta-of.js";
import type { Options } from "./options.js";
import type { DeleteResult } from "./delete-instance.js";
import { initInstance } from "./init.js";
import type { SaveOptions } from "./persistence.js";
import { modelServices } from "./services.js";
import { FROM_DB, STATE, type InstanceState } from "./state.js";
import type { CleanOptions } from "./validation.js";

/**
 * The root of every model class. Field values are own properties (so JSON and spreading show
 * exactly the fields); relation accessors live on the prototype; bookkeeping under one symbol.
 */
export class BaseModel {
  declare [STATE]: InstanceState;

  constructor(data?: Record<string, unknown> | typeof FROM_DB) {
    // Rows being loaded skip the options lookup: their model is bound, and it runs once per row.
    if (data === FROM_DB) {
      this[STATE] = { adding: false, db: null, cache: null };
      return;
    }
    const options = optionsOf(new.target);
    this[STATE] = { adding: true, db: null, cache: null };
    initInstance(this as never, options, data ?? {});
  }

  /** The model's metadata (Django's `_meta`). */
  static get meta(): Options {
    return optionsOf(this);
  }

  /** The default manager: `Place.objects.filter(...)`. */
  static get objects(): Manager<any> {
    return modelServices().manager(optionsOf(this));
  }

  static get DoesNotExist() {
    return optionsOf(this).DoesNotExist;
  }

  static get MultipleObjectsReturned() {
    return optionsOf(this).MultipleObjectsReturned;
  }

  /** The primary key, whatever the field is called. */
  get pk(): any {
    return (this as unknown as Record<string, unknown>)[optionsOf(this.constructor).pk.attname];
  }

  set pk(value: any) {
    (this as unknown as Record<string, unknown>)[optionsOf(this.constructor).pk.attname] = value;
  }

  /**
   * Insert or update the row. With a primary key set, an UPDATE is tried first and an INSERT
   * follows when no row matched (as Django does).
   */
  save(options: SaveOptions = {}): Promise<void> {
    // Not async: the save's own promise is handed on (one promise fewer per create()).
    try {
      return modelServices().save(this as never, optionsOf(this.constructor), options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Delete the row and, per `onDelete`, what points at it. Returns `[total, { "app.Model": n }]`. */
  async delete(options: { using?: string } = {}): Promise<DeleteResult> {
    return modelServices().delete(this as never, optionsOf(this.constructor), options);
  }

  /** Validate every field, `clean()`, and uniqueness; throws ValidationError with a per-field dict. */
  async fullClean(options: CleanOptions = {}): Promise<void> {
    await modelServices().fullClean(this as never, optionsOf(this.constructor), options);
  }

  /** Hook for model-wide validation; throw ValidationError. */
  clean(): void | Promise<void> {}

  /** Reload field values from the database. */
  async refreshFromDb(options: { fields?: string[] } = {}): Promise<void> {
    await modelServices().refreshFromDb(this as never, optionsOf(this.constructor), options);
  }

  toString(): string {
    const options = optionsOf(this.constructor);
    return `${options.objectName} object (${String(this.pk ?? "None")})`;
  }

  /** `<Place: Demon Dogs the place>` in console output, as Django's repr. */
  [inspect.custom](): string {
    return `<${optionsOf(this.constructor).objectName}: ${this.toString()}>`;
  }
}
