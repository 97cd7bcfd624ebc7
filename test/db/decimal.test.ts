import { describe, expect, it } from "vitest";
import { quantizeDecimal } from "../../src/db/decimal.js";
import { dbName } from "../support/db.js";

describe(dbName("decimals from the database"), () => {
  it("are quantized to the field's places, half to even as Django's converters", () => {
    expect(quantizeDecimal("3.8750000000", 2)).toBe("3.88");
    expect(quantizeDecimal("3.8650000000", 2)).toBe("3.86");
    expect(quantizeDecimal("3.8650000001", 2)).toBe("3.87");
    expect(quantizeDecimal("9.995", 2)).toBe("10.00");
    expect(quantizeDecimal("-0.004", 2)).toBe("0.00");
    expect(quantizeDecimal("-2.5", 0)).toBe("-2");
    expect(quantizeDecimal("12345678901234567.125", 2)).toBe("12345678901234567.12");
    expect(quantizeDecimal("1.5", 3)).toBe("1.500");
    expect(quantizeDecimal(".5", 1)).toBe("0.5");
    expect(quantizeDecimal("7", undefined)).toBe("7");
  });
});
