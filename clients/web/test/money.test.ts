import { describe, expect, test } from "vitest";

import { formatAmountInput, formatMoney, minorDigits, parseMoney, separators } from "../src/money";

const ok = (minor: number) => ({ ok: true, minor });
const refused = (error: string) => ({ ok: false, error });

describe("parseMoney in German (. groups, , decimals)", () => {
  const de = (text: string, currency = "EUR") => parseMoney(text, "de-DE", currency);

  test("a grouped thousand is a thousand, not one and a half", () => {
    expect(de("1.500")).toEqual(ok(150_000));
    expect(de("1.500.000")).toEqual(ok(150_000_000));
  });

  test("a comma is the decimal separator", () => {
    expect(de("1,5")).toEqual(ok(150));
    expect(de("1,50")).toEqual(ok(150));
    expect(de("0,99")).toEqual(ok(99));
    expect(de(",5")).toEqual(ok(50));
  });

  test("grouped and ungrouped forms of the same amount agree", () => {
    expect(de("12.345,67")).toEqual(ok(1_234_567));
    expect(de("12345,67")).toEqual(ok(1_234_567));
    expect(de("12 345,67")).toEqual(ok(1_234_567));
    expect(de("12\u00a0345,67")).toEqual(ok(1_234_567));
    expect(de("12\u202f345,67")).toEqual(ok(1_234_567));
    expect(de("  1500  ")).toEqual(ok(150_000));
  });

  test("malformed grouping is refused, not guessed", () => {
    expect(de("1.50")).toEqual(refused("invalid"));
    expect(de("12.34,5")).toEqual(refused("invalid"));
    expect(de("1.500 000")).toEqual(refused("invalid"));
    expect(de("1,500,00")).toEqual(refused("invalid"));
    expect(de("1.500,")).toEqual(refused("invalid"));
  });
});

describe("parseMoney in English (, groups, . decimals)", () => {
  const en = (text: string, currency = "EUR") => parseMoney(text, "en-US", currency);

  test("the amount from the bug report", () => {
    expect(en("12,345.67")).toEqual(ok(1_234_567));
    expect(en("12345.67")).toEqual(ok(1_234_567));
    expect(en("12 345.67")).toEqual(ok(1_234_567));
  });

  test("a point is the decimal separator, a comma groups", () => {
    expect(en("1.5")).toEqual(ok(150));
    expect(en("1,500")).toEqual(ok(150_000));
    expect(en("1,50")).toEqual(refused("invalid"));
    expect(en("1.500")).toEqual(refused("tooManyDecimals"));
  });

  test("English separators in other English locales", () => {
    expect(parseMoney("12,345.67", "en-GB", "GBP")).toEqual(ok(1_234_567));
  });
});

describe("parseMoney in the other interface languages", () => {
  test("French groups with narrow no-break spaces (and accepts points)", () => {
    expect(parseMoney("12\u202f345,67", "fr-FR", "EUR")).toEqual(ok(1_234_567));
    expect(parseMoney("12 345,67", "fr-FR", "EUR")).toEqual(ok(1_234_567));
    expect(parseMoney("12.345,67", "fr-FR", "EUR")).toEqual(ok(1_234_567));
    expect(parseMoney("1,5", "fr-FR", "EUR")).toEqual(ok(150));
  });

  test("Russian groups with no-break spaces", () => {
    expect(parseMoney("12\u00a0345,67", "ru-RU", "RUB")).toEqual(ok(1_234_567));
    expect(parseMoney("1500,5", "ru-RU", "RUB")).toEqual(ok(150_050));
  });

  test("Chinese reads like English", () => {
    expect(parseMoney("12,345.67", "zh-CN", "CNY")).toEqual(ok(1_234_567));
    expect(parseMoney("1.5", "zh-CN", "CNY")).toEqual(ok(150));
  });
});

describe("parseMoney: the currency's digits", () => {
  test("a yen has no minor unit, a dinar three", () => {
    expect(parseMoney("1,500", "en-US", "JPY")).toEqual(ok(1500));
    expect(parseMoney("1500", "de-DE", "JPY")).toEqual(ok(1500));
    expect(parseMoney("1500,5", "de-DE", "JPY")).toEqual(refused("tooManyDecimals"));
    expect(parseMoney("1.234", "en-US", "KWD")).toEqual(ok(1234));
  });

  test("more decimals than the currency has are refused, not rounded", () => {
    expect(parseMoney("1,555", "de-DE", "EUR")).toEqual(refused("tooManyDecimals"));
    expect(parseMoney("0.001", "en-US", "USD")).toEqual(refused("tooManyDecimals"));
  });

  test("an unknown currency counts two digits (the API judges the code)", () => {
    expect(parseMoney("1.5", "en-US", "XX")).toEqual(ok(150));
  });
});

describe("parseMoney refuses what is not an amount", () => {
  test.each([
    ["", "empty"],
    ["   ", "empty"],
    ["-5", "negative"],
    ["−5", "negative"],
    ["5-", "negative"],
    ["abc", "invalid"],
    ["12a", "invalid"],
    ["1e5", "invalid"],
    ["€ 5", "invalid"],
    ["+5", "invalid"],
    [".", "invalid"],
    ["1,2,3", "invalid"],
    ["1.2.3", "invalid"],
    ["Infinity", "invalid"],
    ["NaN", "invalid"],
    ["99999999999999999", "tooLarge"],
  ])("%j is refused as %s", (text, error) => {
    expect(parseMoney(text, "en-US", "EUR")).toEqual(refused(error));
  });
});

describe("formatting", () => {
  test("an input shows the amount the way the parser reads it back", () => {
    for (const [locale, currency] of [
      ["de-DE", "EUR"],
      ["en-US", "USD"],
      ["fr-FR", "EUR"],
      ["ru-RU", "RUB"],
      ["zh-CN", "CNY"],
      ["en-US", "JPY"],
    ] as const) {
      for (const minor of [0, 5, 150, 150_000, 1_234_567, 100_000_000_000]) {
        const text = formatAmountInput(minor, currency, locale);
        expect(parseMoney(text, locale, currency), `${locale} ${text}`).toEqual(ok(minor));
      }
    }
    expect(formatAmountInput(1_234_567, "EUR", "de-DE")).toBe("12.345,67");
    expect(formatAmountInput(1500, "JPY", "en-US")).toBe("1,500");
  });

  test("amounts read with their currency", () => {
    expect(formatMoney(1_500_000, "EUR", "de-DE")).toBe("15.000,00\u00a0€");
    expect(formatMoney(1500, "JPY", "en-US")).toBe("¥1,500");
  });

  test("separators and digits", () => {
    expect(separators("de-DE")).toEqual({ decimal: ",", group: "." });
    expect(separators("en-US")).toEqual({ decimal: ".", group: "," });
    expect(minorDigits("EUR")).toBe(2);
    expect(minorDigits("JPY")).toBe(0);
  });
});
