/**
 * The ORM's developer-facing errors (Django's `django.core.exceptions` plus the deletion errors).
 * Messages follow Django's wording and say how to fix the problem where there is a fix.
 */
export { ImproperlyConfigured } from "../db/config-error.js";
export { DatabaseError, IntegrityError, OperationalError, TransactionManagementError } from "../db/errors.js";
import { IntegrityError } from "../db/errors.js";

/** Base of every model's `DoesNotExist`: catch this to catch them all. */
export class ObjectDoesNotExist extends Error {
  override name = "ObjectDoesNotExist";
}

/** Base of every model's `MultipleObjectsReturned`. */
export class MultipleObjectsReturned extends Error {
  override name = "MultipleObjectsReturned";
}

/** A lookup, ordering or field name that does not resolve. */
export class FieldError extends Error {
  override name = "FieldError";
}

/** A model has no field of that name (Django's FieldDoesNotExist). */
export class FieldDoesNotExist extends Error {
  override name = "FieldDoesNotExist";
}

/** A value or call that cannot work (Django raises ValueError/TypeError in these places). */
export class InvalidOperation extends Error {
  override name = "InvalidOperation";
}

/**
 * A call with an argument of the wrong kind, where Django raises TypeError (an unknown keyword
 * to a model constructor, an instance of the wrong model given to a related manager, direct
 * assignment to a related set, an `onDelete` that is not a rule). `instanceof TypeError` holds.
 */
export class ModelTypeError extends TypeError {
  override name = "TypeError";
}

/** Deleting would remove objects a PROTECT foreign key points at (an IntegrityError, as in Django). */
export class ProtectedError extends IntegrityError {
  override name = "ProtectedError";
  constructor(message: string, readonly protectedObjects: readonly object[]) {
    super(message, "foreignKey");
  }
}

/** Deleting would break a RESTRICT foreign key (an IntegrityError, as in Django). */
export class RestrictedError extends IntegrityError {
  override name = "RestrictedError";
  constructor(message: string, readonly restrictedObjects: readonly object[]) {
    super(message, "foreignKey");
  }
}

export type ValidationErrorParams = Record<string, unknown>;

/** One validation message with its stable code, before formatting. */
export interface ValidationMessage {
  message: string;
  code: string;
  params?: ValidationErrorParams;
}

/**
 * Invalid data (Django's ValidationError): a single message, a list, or a per-field dict.
 *
 * ```ts
 * try { await place.fullClean(); } catch (e) {
 *   if (e instanceof ValidationError) e.messageDict; // { name: ["This field cannot be blank."] }
 * }
 * ```
 */
export class ValidationError extends Error {
  override name = "ValidationError";
  /** Messages per field; `__all__` holds the non-field errors. */
  readonly errorDict: Record<string, ValidationMessage[]> | null;
  readonly errorList: ValidationMessage[];

  constructor(
    message: string | ValidationMessage | ValidationMessage[] | Record<string, ValidationMessage[]>,
    options: { code?: string; params?: ValidationErrorParams } = {},
  ) {
    let list: ValidationMessage[] = [];
    let dict: Record<string, ValidationMessage[]> | null = null;
    if (typeof message === "string") list = [{ message, code: options.code ?? "invalid", params: options.params }];
    else if (Array.isArray(message)) list = message;
    else if ("message" in message && typeof message.message === "string") list = [message as ValidationMessage];
    else {
      dict = message as Record<string, ValidationMessage[]>;
      list = Object.values(dict).flat();
    }
    super(list.map(formatMessage).join(" ") || "Validation failed.");
    this.errorDict = dict;
    this.errorList = list;
  }

  /** Formatted messages per field. */
  get messageDict(): Record<string, string[]> {
    if (!this.errorDict) return { __all__: this.messages };
    return Object.fromEntries(Object.entries(this.errorDict).map(([k, v]) => [k, v.map(formatMessage)]));
  }

  /** All formatted messages. */
  get messages(): string[] {
    return this.errorList.map(formatMessage);
  }
}

/** Substitute `%(name)s`-style params, as Django does. */
export function formatMessage(m: ValidationMessage): string {
  if (!m.params) return m.message;
  return m.message.replace(/%\((\w+)\)[sdr]/g, (_, key: string) => String(m.params?.[key]));
}
