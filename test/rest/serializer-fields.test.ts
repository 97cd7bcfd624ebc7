import { describe, expect, it } from "vitest";
import { PreciseDate, formatDateTimeIso } from "torest";
import {
  BooleanField, CharField, ChoiceField, DateField, DateTimeField, DecimalField, FloatField, IntegerField, ValidationError, empty,
} from "torest/rest";

/** The messages a field reports for a value, or the value it accepts. */
async function run(field: { runValidation(v: unknown, partial: boolean): Promise<unknown> }, value: unknown): Promise<unknown> {
  try {
    return await field.runValidation(value, false);
  } catch (error) {
    if (error instanceof ValidationError) return { errors: JSON.parse(JSON.stringify(error.detail)) };
    throw error;
  }
}

describe("serializer fields: DRF coercions and messages", () => {
  it("CharField coerces numbers, trims, checks blank and length", async () => {
    const f = new CharField({ maxLength: 3 }).bind("name");
    expect(await run(f, 12)).toBe("12");
    expect(await run(f, "  ab ")).toBe("ab");
    expect(await run(f, "")).toEqual({ errors: ["This field may not be blank."] });
    expect(await run(f, "abcd")).toEqual({ errors: ["Ensure this field has no more than 3 characters."] });
    expect(await run(f, true)).toEqual({ errors: ["Not a valid string."] });
    expect(await run(f, { a: 1 })).toEqual({ errors: ["Not a valid string."] });
    expect(await run(f, null)).toEqual({ errors: ["This field may not be null."] });
    expect(await run(f, empty)).toEqual({ errors: ["This field is required."] });
    expect(await run(new CharField({ errorMessages: { blank: "Say something." } }), "")).toEqual({ errors: ["Say something."] });
  });

  it("IntegerField accepts numeric strings and whole floats only", async () => {
    const f = new IntegerField({ maxValue: 10 });
    expect(await run(f, "7")).toBe(7);
    expect(await run(f, 3.0)).toBe(3);
    expect(await run(f, "4.00")).toBe(4);
    for (const bad of [1.5, "many", "", true, [1]]) {
      expect(await run(f, bad)).toEqual({ errors: ["A valid integer is required."] });
    }
    expect(await run(f, 11)).toEqual({ errors: ["Ensure this value is less than or equal to 10."] });
    // DRF: int() of any size, then the bounds.
    expect(await run(f, "9".repeat(30))).toEqual({ errors: ["Ensure this value is less than or equal to 10."] });
  });

  it("FloatField, DecimalField and BooleanField", async () => {
    expect(await run(new FloatField(), "1.5")).toBe(1.5);
    expect(await run(new FloatField(), "x")).toEqual({ errors: ["A valid number is required."] });
    const d = new DecimalField({ maxDigits: 5, decimalPlaces: 2 });
    expect(await run(d, "12.5")).toBe("12.50");
    expect(await run(d, "1234.5")).toEqual({ errors: ["Ensure that there are no more than 3 digits before the decimal point."] });
    expect(await run(d, "1.234")).toEqual({ errors: ["Ensure that there are no more than 2 decimal places."] });
    expect(await run(new BooleanField(), "on")).toBe(true);
    expect(await run(new BooleanField(), "0")).toBe(false);
    expect(await run(new BooleanField(), "maybe")).toEqual({ errors: ["Must be a valid boolean."] });
  });

  it("DateTimeField takes offsets to UTC, naive as UTC, and renders microseconds like DRF", async () => {
    const f = new DateTimeField();
    expect(f.toRepresentation(await run(f, "2022-07-08T15:32:16+05:30"))).toBe("2022-07-08T10:02:16Z");
    expect(f.toRepresentation(await run(f, "2022-07-08T10:02:16"))).toBe("2022-07-08T10:02:16Z");
    expect(f.toRepresentation(await run(f, "2022-07-08T10:02:16.290713Z"))).toBe("2022-07-08T10:02:16.290713Z");
    expect(f.toRepresentation(new Date("2022-07-08T10:02:16.5Z"))).toBe("2022-07-08T10:02:16.500000Z");
    for (const d of [new Date(Date.UTC(33, 0, 1)), new PreciseDate(Date.UTC(2022, 0, 1, 0, 0, 0, 1), 1001), new Date(0)]) {
      expect(f.toRepresentation(d)).toBe(formatDateTimeIso(d));
    }
    const message = "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].";
    for (const bad of ["yesterday", "2022-07-08", "2022-02-30T00:00:00Z", 12345]) expect(await run(f, bad)).toEqual({ errors: [message] });
    expect(await run(new DateField(), "2022-07-08")).toBe("2022-07-08");
    // DRF's parse_date does not match a datetime string: the format message (not "Expected a date").
    expect(await run(new DateField(), "2022-07-08T10:00:00Z")).toEqual({ errors: ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."] });
  });

  it("ChoiceField matches by string form and lists choices for OPTIONS", async () => {
    const f = new ChoiceField({ choices: [[1, "One"], [2, "Two"]] });
    expect(await run(f, "2")).toBe(2);
    expect(await run(f, 3)).toEqual({ errors: ['"3" is not a valid choice.'] });
    expect(f.metadata()).toEqual({ choices: [{ value: 1, display_name: "One" }, { value: 2, display_name: "Two" }] });
  });
});
