// Every money input of the app reads what was typed through ../money, in the interface
// language's locale, and refuses what it cannot read at the field (nothing is sent).
import { useCallback } from "react";

import { useI18n } from "../i18n";
import { formatAmountInput, minorDigits, moneyErrorKey, parseMoney } from "../money";

export type AmountRead = { ok: true; minor: number | null } | { ok: false; message: string };

/**
 * Reads a typed amount of `currency` as minor units. An empty field is `null` (the API's
 * default applies) unless `required`; anything unreadable is a translated message.
 */
export function useAmountParser(): (text: string, currency: string, options?: { required?: boolean }) => AmountRead {
  const { t, locale } = useI18n();
  return useCallback(
    (text, currency, options = {}) => {
      const code = currency.trim().toUpperCase() || "EUR";
      const parsed = parseMoney(text, locale, code);
      if (parsed.ok) return { ok: true, minor: parsed.minor };
      if (parsed.error === "empty" && !options.required) return { ok: true, minor: null };
      return {
        ok: false,
        message: t(moneyErrorKey(parsed.error), {
          currency: code,
          digits: minorDigits(code),
          example: formatAmountInput(1_234_567 * 10 ** Math.max(0, minorDigits(code) - 2), code, locale),
        }),
      };
    },
    [t, locale],
  );
}

/** Props of an amount `<input>`: a decimal keyboard on phones, no browser number quirks. */
export const AMOUNT_INPUT = { type: "text", inputMode: "decimal", autoComplete: "off" } as const;
