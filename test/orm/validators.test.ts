import { describe, expect, it } from "vitest";
import { ValidationError, validators } from "torest";

/** Cases from Django's validator tests (tests/validators/tests.py). */
const valid = (validator: (value: string) => void, value: string) => expect(() => validator(value), value).not.toThrow();
const invalid = (validator: (value: string) => void, value: string) => expect(() => validator(value), value).toThrow(ValidationError);

describe("validators (as Django's)", () => {
  it("validateEmail", () => {
    for (const v of [
      "email@here.com", "weirder-email@here.and.there.com", "email@[127.0.0.1]", "email@[2001:dB8::1]",
      "example@valid-----hyphens.com", "example@valid-with-hyphens.com", "test@domain.with.idn.tld.उदाहरण.परीक्षा",
      "email@localhost", '"test@test"@example.com', "example@atm.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      '"\\\t"@here.com', `a@${"a".repeat(63)}.us`,
    ]) valid(validators.validateEmail, v);
    for (const v of [
      "", "abc", "abc@", "abc@bar", "a @x.cz", "abc@.com", "something@@somewhere.com", "email@127.0.0.1",
      "email@[127.0.0.256]", "email@[2001:db8::12345]", "email@[2001:db8:0:0:0:0:1]", "email@[::ffff:127.0.0.256]",
      "example@invalid-.com", "example@-invalid.com", "example@invalid.com-", "example@inv-.alid-.com",
      "example@inv-.-alid.com", 'test@example.com\n\n<script src="x.js">', '"\\\n"@here.com',
      "trailingdot@shouldfail.com.", `a@${"a".repeat(64)}.us`, "a@b.com\n", `${"a".repeat(310)}@example.com`,
    ]) invalid(validators.validateEmail, v);
  });

  it("validateUrl", () => {
    for (const v of [
      "http://www.djangoproject.com/", "HTTP://WWW.DJANGOPROJECT.COM/", "http://localhost/", "http://example.com/",
      "http://example.com./", "http://www.example.com:8000/test", "http://valid-with-hyphens.com/", "http://subdomain.example.com/",
      "http://a.aa", "http://200.8.9.10/", "http://200.8.9.10:8000/test", "http://su--b.valid-----hyphens.com/",
      "http://example.com?something=value", "http://example.com/index.php?something=value&another=value2",
      "https://example.com/", "ftp://example.com/", "ftps://example.com/", "http://foo.com/blah_blah_(wikipedia)",
      "http://userid:password@example.com:8080", "http://142.42.1.1/", "http://[::192.9.5.5]/ipng", "http://[2001:db8::1]:8080/",
      "http://例子.测试", "http://xn--7sbb4ac0ad0be6cf.xn--p1ai", "http://0.0.0.0/", "http://1.1.1.1.example.com",
    ]) valid(validators.validateUrl, v);
    for (const v of [
      "foo", "http://", "http://example", "http://example.", "http://.com", "http://invalid-.com", "http://-invalid.com",
      "http://invalid.com-", "http://invalid.-com", "http://inv-.alid-.com", "http://inv-.-alid.com", "file://localhost/path",
      "git://example.com/", "http://.", "http://..", "http://../", "http://?", "http://??/", "http://#", "http:// shouldfail.com",
      ":// should fail", "http://foo.bar/foo(bar)baz quux", "http://3628126748", "http://.www.foo.bar/",
      "http://[::1:2::3]:8080/", "http://1.1.1.1.1", "http://256.1.1.1", "http://example.com\n", "http://[2001:db8::12345]/",
      `http://${"a".repeat(64)}.com`, `https://${"x".repeat(2040)}.com`,
    ]) invalid(validators.validateUrl, v);
  });

  it("validateSlug", () => {
    for (const v of ["slug-ok", "longer-slug-still-ok", "--------", "nohyphensoranything", "a", "1", "a1"]) valid(validators.validateSlug, v);
    for (const v of ["", " text ", " ", "some@mail.com", "你好", "\n", "trailing-newline\n"]) invalid(validators.validateSlug, v);
  });

  it("value, length and regex validators", () => {
    expect(() => validators.MaxValueValidator(10)(11)).toThrow("Ensure this value is less than or equal to 10.");
    expect(() => validators.MinValueValidator(-1)(-2)).toThrow("Ensure this value is greater than or equal to -1.");
    expect(() => validators.MaxLengthValidator(2)("abc")).toThrow("Ensure this value has at most 2 characters (it has 3).");
    expect(() => validators.RegexValidator(/^\d+$/)("x")).toThrow("Enter a valid value.");
    valid(validators.MinLengthValidator(2), "ab");
  });
});
