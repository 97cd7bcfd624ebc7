import { ValidationError } from "../errors.js";

/** A validator throws ValidationError for a bad value (Django's validators). */
// Method syntax keeps validators bivariant, so a Field<number> is usable where a Field is expected.
export type Validator<T = unknown> = { check(value: T): void }["check"];

function fail(message: string, code: string, params?: Record<string, unknown>): never {
  throw new ValidationError({ message, code, params });
}

export const MaxLengthValidator = (limit: number): Validator<string> => (value) => {
  if (value.length > limit) {
    fail("Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).", "max_length",
      { limit_value: limit, show_value: value.length });
  }
};

export const MinLengthValidator = (limit: number): Validator<string> => (value) => {
  if (value.length < limit) {
    fail("Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).", "min_length",
      { limit_value: limit, show_value: value.length });
  }
};

export const MaxValueValidator = (limit: number): Validator<number | string> => (value) => {
  if (Number(value) > limit) fail("Ensure this value is less than or equal to %(limit_value)s.", "max_value", { limit_value: limit });
};

export const MinValueValidator = (limit: number): Validator<number | string> => (value) => {
  if (Number(value) < limit) fail("Ensure this value is greater than or equal to %(limit_value)s.", "min_value", { limit_value: limit });
};

export const RegexValidator = (regex: RegExp, message = "Enter a valid value.", code = "invalid"): Validator<string> =>
  (value) => {
    if (!regex.test(String(value))) fail(message, code);
  };

// Django's EmailValidator, simplified to its user and domain parts.
// eslint-disable-next-line no-control-regex -- Django's quoted-local-part pattern allows these bytes.
const EMAIL_USER = /^[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*$|^"([\x01-\x08\x0b\x0c\x0e-\x1f!#-[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0d-\x7f])*"$/i;
const DOMAIN = /^((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+)(?:[a-z0-9-]{2,63}(?<!-))$/i;

export const validateEmail: Validator<string> = (value) => {
  const at = value.lastIndexOf("@");
  const ok = at > 0 && EMAIL_USER.test(value.slice(0, at)) &&
    (DOMAIN.test(value.slice(at + 1)) || value.slice(at + 1) === "localhost");
  if (!ok) fail("Enter a valid email address.", "invalid");
};

const URL_RE = /^(?:https?|ftps?):\/\/(?:[^\s:@/]+(?::[^\s:@/]*)?@)?(?:localhost|(?:\d{1,3}\.){3}\d{1,3}|\[[0-9a-f:.]+\]|(?:[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?\.)+[a-z\u00a1-\uffff-]{2,63}\.?)(?::\d{1,5})?(?:[/?#][^\s]*)?$/i;

export const validateUrl: Validator<string> = (value) => {
  if (!URL_RE.test(value)) fail("Enter a valid URL.", "invalid");
};

export const validateSlug: Validator<string> = (value) => {
  if (!/^[-a-zA-Z0-9_]+$/.test(value)) {
    fail("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.", "invalid");
  }
};
