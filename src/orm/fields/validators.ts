import { isIP } from "node:net";
import { domainToASCII } from "node:url";
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

// Django's EmailValidator: user part, then a domain (IDN allowed), `localhost` or an [IP literal].
// eslint-disable-next-line no-control-regex -- Django's quoted-local-part pattern allows these bytes.
const EMAIL_USER = /^[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*$|^"([\x01-\x08\x0b\x0c\x0e-\x1f!#-[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0e-\x7f])*"$/i;
const EMAIL_DOMAIN = /^((?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+)(?:[A-Z0-9-]{2,63}(?<!-))$/i;
const EMAIL_LITERAL = /^\[([A-F0-9:.]+)\]$/i;

function validEmailDomain(domain: string): boolean {
  if (EMAIL_DOMAIN.test(domain)) return true;
  const literal = EMAIL_LITERAL.exec(domain);
  return literal !== null && isIP(literal[1]!) !== 0;
}

export const validateEmail: Validator<string> = (value) => {
  const at = value.lastIndexOf("@");
  if (!value || at < 0 || value.length > 320) fail("Enter a valid email address.", "invalid");
  const user = value.slice(0, at);
  const domain = value.slice(at + 1);
  const ok = EMAIL_USER.test(user) &&
    (domain === "localhost" || validEmailDomain(domain) || ([...domain].some((c) => c.charCodeAt(0) > 0x7f) && validEmailDomain(domainToASCII(domain))));
  if (!ok) fail("Enter a valid email address.", "invalid");
};

// Django's URLValidator, pattern for pattern.
const UL = "\u00a1-\uffff";
const IPV4 = "(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)(?:\\.(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)){3}";
const IPV6 = "\\[[0-9a-f:.]+\\]";
const HOSTNAME = `[a-z${UL}0-9](?:[a-z${UL}0-9-]{0,61}[a-z${UL}0-9])?`;
const DOMAIN = `(?:\\.(?!-)[a-z${UL}0-9-]{1,63}(?<!-))*`;
const TLD = `\\.(?!-)(?:[a-z${UL}-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?`;
const HOST = `(${HOSTNAME}${DOMAIN}${TLD}|localhost)`;
const URL_RE = new RegExp(
  `^(?:[a-z0-9.+-]*)://(?:[^\\s:@/]+(?::[^\\s:@/]*)?@)?(?:${IPV4}|${IPV6}|${HOST})(?::[0-9]{1,5})?(?:[/?#][^\\s]*)?$`, "i",
);
const URL_SCHEMES = new Set(["http", "https", "ftp", "ftps"]);

export const validateUrl: Validator<string> = (value) => {
  const bad = () => fail("Enter a valid URL.", "invalid");
  if (typeof value !== "string" || value.length > 2048 || /[\t\r\n]/.test(value)) bad();
  if (!URL_SCHEMES.has(value.split("://")[0]!.toLowerCase()) || !URL_RE.test(value)) bad();
  const ipv6 = /^[^:]*:\/\/(?:[^\s:@/]+(?::[^\s:@/]*)?@)?\[(.+)\]/.exec(value);
  if (ipv6 && isIP(ipv6[1]!) !== 6) bad();
  // A full host name is at most 253 characters (RFC 1034 3.1).
  const host = /^[^:]*:\/\/(?:[^\s:@/]+(?::[^\s:@/]*)?@)?([^:/?#]+)/.exec(value)?.[1] ?? "";
  if (host.length > 253) bad();
};

export const validateSlug: Validator<string> = (value) => {
  if (!/^[-a-zA-Z0-9_]+$/.test(value)) {
    fail("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.", "invalid");
  }
};

/** Django's ProhibitNullCharactersValidator, on every character field. */
export const prohibitNullCharacters: Validator<string> = (value) => {
  if (String(value).includes("\x00")) fail("Null characters are not allowed.", "null_characters_not_allowed");
};
