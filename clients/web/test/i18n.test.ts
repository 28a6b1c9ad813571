import { describe, expect, test } from "vitest";

import de from "../src/i18n/de";
import en from "../src/i18n/en";
import fr from "../src/i18n/fr";
import { detectLanguage, formatMoney, localeFor, translate } from "../src/i18n";
import ru from "../src/i18n/ru";
import zh from "../src/i18n/zh";

describe("languages", () => {
  test("every dictionary translates every English key, and no other", () => {
    for (const [name, dictionary] of Object.entries({ de, fr, ru, zh })) {
      expect(Object.keys(dictionary).sort(), name).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(dictionary)) {
        expect(text.trim(), `${name} ${key}`).not.toBe("");
      }
    }
  });

  test("translations keep the placeholders of the English text", () => {
    // A plain `{name}` or the number of a plural form, `{name, plural, ...}`.
    const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort();
    for (const [name, dictionary] of Object.entries({ de, fr, ru, zh })) {
      for (const [key, text] of Object.entries(en)) {
        expect(placeholders(dictionary[key as keyof typeof en]), `${name} ${key}`).toEqual(placeholders(text));
      }
    }
  });

  test("the language follows the stored choice, then the browser, then English", () => {
    expect(detectLanguage("ru", ["de-DE"])).toBe("ru");
    expect(detectLanguage(null, ["pt-BR", "fr-CA", "de"])).toBe("fr");
    expect(detectLanguage("xx", ["zh-Hans-CN"])).toBe("zh");
    expect(detectLanguage(null, ["pt-BR"])).toBe("en");
  });

  test("the locale is the browser's own when it is in that language", () => {
    expect(localeFor("en", ["en-GB", "de-DE"])).toBe("en-GB");
    expect(localeFor("de", ["en-GB"])).toBe("de-DE");
  });

  test("placeholders are filled in", () => {
    expect(translate("de", "board.count", { count: 3 })).toBe("3 Verkaufschancen");
    expect(translate("en", "log.saved", { kind: "Call" })).toBe("Call logged.");
  });

  test("counts take the language's plural forms", () => {
    expect(translate("en", "board.count", { count: 1 })).toBe("1 deal");
    expect(translate("en", "board.count", { count: 2 })).toBe("2 deals");
    expect(translate("de", "board.count", { count: 1 })).toBe("1 Verkaufschance");
    expect(translate("fr", "board.count", { count: 0 })).toBe("0 affaire");
    expect(translate("ru", "board.count", { count: 1 })).toBe("1 сделка");
    expect(translate("ru", "board.count", { count: 3 })).toBe("3 сделки");
    expect(translate("ru", "board.count", { count: 5 })).toBe("5 сделок");
    expect(translate("ru", "board.count", { count: 21 })).toBe("21 сделка");
    expect(translate("en", "board.count", { count: 1200 })).toBe("1,200 deals");
    expect(translate("zh", "board.count", { count: 1 })).toBe("1 个商机");
    expect(translate("en", "reports.days", { days: 1 })).toBe("1 day");
  });
});

describe("money", () => {
  test("minor units are shown per locale and currency", () => {
    expect(formatMoney(1_500_000, "EUR", "de-DE")).toBe("15.000,00\u00a0€");
    expect(formatMoney(1_500_000, "USD", "en-US")).toBe("$15,000.00");
    // The yen has no minor unit.
    expect(formatMoney(1500, "JPY", "en-US")).toBe("¥1,500");
  });

  test("an unknown currency code still shows the amount", () => {
    expect(formatMoney(1234, "XXX1", "en-US")).toBe("12.34 XXX1");
  });
});
