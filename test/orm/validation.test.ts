import { describe, expect, it } from "vitest";
import {
  BooleanField, CASCADE, CharField, DateField, DateTimeField, DecimalField, EmailField, FloatField, ForeignKey, IntegerField,
  Model, PositiveIntegerField, SlugField, TextField, URLField, UUIDField, ValidationError, validators,
} from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

class Author extends Model("validation", {
  name: CharField({ maxLength: 50 }),
  email: EmailField({ unique: true, null: true }),
}) {}

class Article extends Model("validation", {
  title: CharField({ maxLength: 50 }),
  subtitle: CharField({ maxLength: 50, blank: true }),
  body: TextField({ null: true, blank: true }),
  status: CharField({ maxLength: 1, choices: [["d", "Draft"], ["p", "Published"]], default: "d" }),
  rating: IntegerField({ null: true, blank: true }),
  views: PositiveIntegerField({ default: 0 }),
  score: FloatField({ null: true, blank: true }),
  price: DecimalField({ maxDigits: 5, decimalPlaces: 2, null: true, blank: true }),
  published: DateField({ null: true, blank: true }),
  updated: DateTimeField({ null: true, blank: true }),
  featured: BooleanField({ default: false }),
  ref: UUIDField({ null: true, blank: true }),
  homepage: URLField({ blank: true }),
  slug: SlugField({ blank: true }),
  code: CharField({ maxLength: 10, blank: true, validators: [validators.MinLengthValidator(3), validators.RegexValidator(/^[A-Z]*$/, "Only capitals.", "caps")] }),
  author: ForeignKey(() => Author, { onDelete: CASCADE, null: true, blank: true }),
}) {
  override clean() {
    if (this.status === "p" && !this.body) throw new ValidationError("A published article needs a body.");
  }
}

class Membership extends Model("validation", {
  person: CharField({ maxLength: 20 }),
  group: CharField({ maxLength: 20 }),
  since: DateField({ autoNowAdd: true }),
}, { uniqueTogether: [["person", "group"]], verboseName: "club membership" }) {}

class Required extends Model("validation", {
  author: ForeignKey(() => Author, { onDelete: CASCADE }),
  level: IntegerField(),
}) {
  override clean() {
    if (this.level === 13) throw new ValidationError({ level: [{ message: "Unlucky.", code: "unlucky" }] });
  }
}

class Media extends Model("validation", {
  kind: CharField({
    maxLength: 10,
    choices: [["Audio", [["vinyl", "Vinyl"], ["cd", "CD"]]], ["Video", [["vhs", "VHS Tape"]]], ["unknown", "Unknown"]],
  }),
}) {}

useTestDatabase([Author, Article, Membership, Required, Media]);

async function messages(instance: { fullClean(o?: object): Promise<void> }, options?: object): Promise<Record<string, string[]>> {
  const error = await instance.fullClean(options).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).messageDict;
}

describe(dbName("fullClean: Django's messages"), () => {
  it("passes a valid instance and coerces values", async () => {
    const a = new Article({ title: "Ok", rating: "5" as never, price: 12.5 as never, published: "2024-1-2", ref: "ABCDEF0123456789ABCDEF0123456789" });
    await a.fullClean();
    expect(a.rating).toBe(5);
    expect(a.price).toBe("12.5");
    expect(a.published).toBe("2024-01-02");
    expect(a.ref).toBe("abcdef01-2345-6789-abcd-ef0123456789");
  });

  it("max length, blank, null and choices", async () => {
    const a = new Article({ title: "x".repeat(51), status: "x" });
    expect(await messages(a)).toEqual({
      title: ["Ensure this value has at most 50 characters (it has 51)."],
      status: ["Value 'x' is not a valid choice."],
    });
    expect(await messages(new Article({ title: "" }))).toEqual({ title: ["This field cannot be blank."] });
    expect(await messages(new Article({ title: null as never }))).toEqual({ title: ["This field cannot be null."] });
  });

  it("numbers, decimals, dates, datetimes, booleans, uuids", async () => {
    const a = new Article({
      title: "t",
      rating: "abc" as never,
      views: -1,
      score: "x" as never,
      price: "123456.5",
      published: "2024-02-30",
      updated: "yesterday" as never,
      featured: "maybe" as never,
      ref: "not-a-uuid",
    });
    expect(await messages(a)).toEqual({
      rating: ["“abc” value must be an integer."],
      views: ["Ensure this value is greater than or equal to 0."],
      score: ["“x” value must be a float."],
      price: ["Ensure that there are no more than 5 digits in total."],
      published: ["“2024-02-30” value has the correct format (YYYY-MM-DD) but it is an invalid date."],
      updated: ["“yesterday” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format."],
      featured: ["“maybe” value must be either True or False."],
      ref: ["“not-a-uuid” is not a valid UUID."],
    });
    expect(await messages(new Article({ title: "t", price: "abc", published: "02/03/2024" }))).toEqual({
      price: ["“abc” value must be a decimal number."],
      published: ["“02/03/2024” value has an invalid date format. It must be in YYYY-MM-DD format."],
    });
    expect(await messages(new Article({ title: "t", price: "1.234" }))).toEqual({
      price: ["Ensure that there are no more than 2 decimal places."],
    });
    expect(await messages(new Article({ title: "t", price: "1234.5" }))).toEqual({
      price: ["Ensure that there are no more than 3 digits before the decimal point."],
    });
  });

  it("datetime with the right format but an impossible date", async () => {
    expect(await messages(new Article({ title: "t", updated: "2024-02-30 10:00" as never }))).toEqual({
      updated: ["“2024-02-30 10:00” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid date/time."],
    });
    expect(await messages(new Article({ title: "t", updated: "2024-13-01" as never }))).toEqual({
      updated: ["“2024-13-01” value has the correct format (YYYY-MM-DD) but it is an invalid date."],
    });
    const ok = new Article({ title: "t", updated: "2024-02-03" as never });
    await ok.fullClean();
    expect(ok.updated!.toISOString()).toBe("2024-02-03T00:00:00.000Z");
  });

  it("email, url, slug", async () => {
    expect(await messages(new Article({ title: "t", homepage: "not a url", slug: "no spaces!" }))).toEqual({
      homepage: ["Enter a valid URL."],
      slug: ["Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."],
    });
    expect(await messages(new Author({ name: "a", email: "nope" }))).toEqual({ email: ["Enter a valid email address."] });
    await new Author({ name: "a", email: "a.b+c@example.co.uk" }).fullClean();
  });

  it("character fields refuse null characters", async () => {
    expect(await messages(new Article({ title: "a\x00b" }))).toEqual({ title: ["Null characters are not allowed."] });
  });

  it("custom validators run after the built-in ones and all messages are kept", async () => {
    expect(await messages(new Article({ title: "t", code: "ab" }))).toEqual({
      code: ["Ensure this value has at least 3 characters (it has 2).", "Only capitals."],
    });
    const error = await new Article({ title: "t", code: "ab" }).fullClean().then(() => { throw new Error("expected a ValidationError"); }, (e: ValidationError) => e);
    expect(error.errorDict!.code!.map((m) => m.code)).toEqual(["min_length", "caps"]);
  });

  it("clean() adds non-field errors under __all__, or field errors from a dict", async () => {
    expect(await messages(new Article({ title: "t", status: "p" }))).toEqual({ __all__: ["A published article needs a body."] });
    const author = await Author.objects.create({ name: "r" });
    expect(await messages(new Required({ author, level: 13 }))).toEqual({ level: ["Unlucky."] });
  });

  it("grouped choices are validated against every group", async () => {
    const media = Media.meta.getField("kind") as unknown as { choices: readonly (readonly [string, string])[] };
    expect(media.choices).toEqual([["vinyl", "Vinyl"], ["cd", "CD"], ["vhs", "VHS Tape"], ["unknown", "Unknown"]]);
    await new Media({ kind: "cd" }).fullClean();
    await new Media({ kind: "unknown" }).fullClean();
    expect(await messages(new Media({ kind: "Audio" }))).toEqual({ kind: ["Value 'Audio' is not a valid choice."] });
  });

  it("exclude skips fields", async () => {
    const article = new Article({ title: "x".repeat(60) });
    await expect(article.fullClean()).rejects.toThrow("Ensure this value has at most");
    await expect(article.fullClean({ exclude: ["title"] })).resolves.toBeUndefined();
  });

  it("foreign keys: required, and pointing at a missing row", async () => {
    expect(await messages(new Required({ level: 1 }))).toEqual({ author: ["This field cannot be null."] });
    expect(await messages(new Required({ author_id: 999, level: 1 }))).toEqual({ author: ["author instance with id 999 does not exist."] });
    const author = await Author.objects.create({ name: "exists" });
    await new Required({ author_id: author.id, level: 1 }).fullClean();
  });

  it("unique fields", async () => {
    await Author.objects.create({ name: "first", email: "taken@example.com" });
    expect(await messages(new Author({ name: "second", email: "taken@example.com" }))).toEqual({
      email: ["Author with this Email already exists."],
    });
    // The object itself does not clash with its own row.
    const same = await Author.objects.get({ email: "taken@example.com" });
    same.name = "renamed";
    await same.fullClean();
    await new Author({ name: "x", email: "taken@example.com" }).fullClean({ validateUnique: false });
  });

  it("uniqueTogether", async () => {
    await Membership.objects.create({ person: "ann", group: "chess" });
    expect(await messages(new Membership({ person: "ann", group: "chess" }))).toEqual({
      __all__: ["Club membership with this Person and Group already exists."],
    });
    await new Membership({ person: "ann", group: "go" }).fullClean();
  });

  it("is not run by save()", async () => {
    const a = new Article({ title: "t", status: "zzz".slice(0, 1) });
    await a.save();
    expect((await Article.objects.get({ pk: a.id })).status).toBe("z");
  });

  it("ValidationError has messages, errorDict codes and a readable message", async () => {
    const error = await new Article({ title: "", status: "x" }).fullClean().then(() => { throw new Error("expected a ValidationError"); }, (e: ValidationError) => e);
    expect(error.messages).toEqual(["This field cannot be blank.", "Value 'x' is not a valid choice."]);
    expect(error.errorDict!.title![0]!.code).toBe("blank");
    expect(error.errorDict!.status![0]!.code).toBe("invalid_choice");
    expect(error.message).toContain("This field cannot be blank.");
  });
});
