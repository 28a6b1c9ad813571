// Money as people type and read it, in the interface language's locale, and as the API
// keeps it (integer minor units of the currency: 1999 EUR cents is 19.99 €).
//
// parseMoney reads what a person typed: the locale's decimal separator, with or without
// grouping (`12.345,67` and `12345,67` in German, `12,345.67` and `12345.67` in English).
// Grouping must be well formed (groups of three digits), so `1.50` in German and `1,50`
// in English are refused instead of guessed. Spaces (also no-break and thin spaces) group
// in every language. Anything else (letters, a sign, more decimals than the currency has)
// is refused with a reason the form shows at the field. Limits of what a deal may be
// worth are the API's business, not this module's.

/** Why a typed amount was refused. */
export type MoneyError = "empty" | "invalid" | "negative" | "tooManyDecimals" | "tooLarge";

export type MoneyParse = { ok: true; minor: number } | { ok: false; error: MoneyError };

/** How many minor units a currency has (2 for EUR, 0 for JPY, 3 for KWD). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** The decimal and grouping characters of a locale (`,` and `.` for de-DE). */
export function separators(locale: string): { decimal: string; group: string } {
  const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(12345.6);
  return {
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
    group: parts.find((p) => p.type === "group")?.value ?? ",",
  };
}

const SPACES = /[\s\u00a0\u2007\u2009\u202f]/g;

function escape(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** What a person typed, in `locale`, as minor units of `currency`. */
export function parseMoney(text: string, locale: string, currency: string): MoneyParse {
  const value = text.replace(SPACES, " ").trim();
  if (value === "") return { ok: false, error: "empty" };
  if (/^[-−‒–]/.test(value) || /[-−]$/.test(value)) return { ok: false, error: "negative" };

  const { decimal, group } = separators(locale);
  const localeGroup = group.replace(SPACES, " ");
  // The locale's own grouping, a space, and the "other" one of `.` and `,` (so a French
  // or Russian `1.500,00` reads as in German).
  const groups = new Set([localeGroup, " ", decimal === "," ? "." : ","]);
  groups.delete(decimal);
  const allowed = new RegExp(`^[0-9${[...groups, decimal].map(escape).join("")}]+$`);
  if (!allowed.test(value)) return { ok: false, error: "invalid" };

  const pieces = value.split(decimal);
  if (pieces.length > 2) return { ok: false, error: "invalid" };
  const [whole = "", fraction] = pieces;
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return { ok: false, error: "invalid" };

  let digits = whole;
  const used = [...groups].filter((g) => whole.includes(g));
  if (used.length > 1) return { ok: false, error: "invalid" };
  if (used.length === 1) {
    const g = escape(used[0]!);
    if (!new RegExp(`^\\d{1,3}(${g}\\d{3})+$`).test(whole)) return { ok: false, error: "invalid" };
    digits = whole.split(used[0]!).join("");
  } else if (!/^\d*$/.test(whole) || (whole === "" && fraction === undefined)) {
    return { ok: false, error: "invalid" };
  }

  const places = minorDigits(currency);
  const cents = fraction ?? "";
  if (cents.length > places) return { ok: false, error: "tooManyDecimals" };
  const minor = Number(`${digits || "0"}${cents.padEnd(places, "0")}`);
  if (!Number.isSafeInteger(minor)) return { ok: false, error: "tooLarge" };
  return { ok: true, minor };
}

/** Minor units as an input shows them for editing: 1234567 EUR -> "12.345,67" in German. */
export function formatAmountInput(minor: number, currency: string, locale: string): string {
  const places = minorDigits(currency);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: places, maximumFractionDigits: places }).format(
    minor / 10 ** places,
  );
}

/** Minor units to a formatted amount: 1500000 EUR -> "15.000,00 €" in German. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const places = minorDigits(currency);
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(minor / 10 ** places);
  } catch {
    return `${(minor / 10 ** places).toFixed(places)} ${currency}`;
  }
}

/** The dictionary key of the message for a refused amount. */
export function moneyErrorKey(error: MoneyError): `money.${MoneyError}` {
  return `money.${error}`;
}
