// Interface languages: one dictionary module per language (./en.ts is the reference, the
// others must have every key: TypeScript checks it). The language follows the browser
// until the user picks one; the pick is kept in localStorage. Dates, numbers and money go
// through Intl in the chosen language's locale.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";

import de from "./de";
import en, { type Messages } from "./en";
import fr from "./fr";
import ru from "./ru";
import zh from "./zh";
import { formatMoney } from "../money";

export type Lang = "en" | "de" | "fr" | "ru" | "zh";
export type MessageKey = keyof Messages;

export const LANGUAGES: ReadonlyArray<{ code: Lang; label: string }> = [
  { code: "en", label: "English" },
  { code: "de", label: "Deutsch" },
  { code: "fr", label: "Français" },
  { code: "ru", label: "Русский" },
  { code: "zh", label: "中文" },
];

const DICTIONARIES: Record<Lang, Messages> = { en, de, fr, ru, zh };
const DEFAULT_LOCALE: Record<Lang, string> = { en: "en-US", de: "de-DE", fr: "fr-FR", ru: "ru-RU", zh: "zh-CN" };
export const LANG_KEY = "crm.lang";

function isLang(value: unknown): value is Lang {
  return typeof value === "string" && value in DICTIONARIES;
}

/** The stored choice, else the first browser language we speak, else English. */
export function detectLanguage(stored: string | null | undefined, browser: readonly string[]): Lang {
  if (isLang(stored)) return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLang(base)) return base;
  }
  return "en";
}

/** The browser's own locale when it is in that language (en-GB stays en-GB), else a default. */
export function localeFor(lang: Lang, browser: readonly string[]): string {
  return browser.find((tag) => tag.toLowerCase().split("-")[0] === lang && tag.includes("-")) ?? DEFAULT_LOCALE[lang];
}

// `{count, plural, one {# deal} other {# deals}}`: the branch the language's plural rules
// pick for the number (Russian has one, few and many), `#` being the number; `other` is
// the fallback. The only ICU form the dictionaries use.
const PLURAL = /\{(\w+), plural,((?:\s*\w+ \{[^{}]*\})+)\s*\}/g;
const BRANCH = /(\w+) \{([^{}]*)\}/g;

function plural(lang: Lang, value: number, branches: string): string {
  const forms = new Map<string, string>();
  for (const [, form, text] of branches.matchAll(BRANCH)) forms.set(form, text);
  const text = forms.get(new Intl.PluralRules(lang).select(value)) ?? forms.get("other") ?? "";
  return text.replaceAll("#", new Intl.NumberFormat(lang).format(value));
}

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const text: string = DICTIONARIES[lang][key] ?? en[key] ?? key;
  if (!params) return text;
  return text
    .replace(PLURAL, (whole, name: string, branches: string) =>
      typeof params[name] === "number" ? plural(lang, params[name], branches) : whole,
    )
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

// Money lives in ../money (parse and format); these stay importable from here.
export { formatMoney, minorDigits } from "../money";

export interface I18n {
  lang: Lang;
  locale: string;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  money: (minor: number, currency: string) => string;
  number: (value: number) => string;
  percent: (ratio: number) => string;
  date: (iso: string | null | undefined) => string;
  dateTime: (iso: string | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

function browserLanguages(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

function storedLanguage(): string | null {
  try {
    return globalThis.localStorage?.getItem(LANG_KEY) ?? null;
  } catch {
    return null;
  }
}

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => initial ?? detectLanguage(storedLanguage(), browserLanguages()));
  const setLang = useCallback((next: Lang) => {
    try {
      globalThis.localStorage?.setItem(LANG_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    setLangState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const locale = localeFor(lang, browserLanguages());
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
    const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
    const numberFormat = new Intl.NumberFormat(locale);
    const percentFormat = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
    const parse = (iso: string) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00` : iso);
    return {
      lang,
      locale,
      setLang,
      t: (key, params) => translate(lang, key, params),
      money: (minor, currency) => formatMoney(minor, currency, locale),
      number: (n) => numberFormat.format(n),
      percent: (ratio) => percentFormat.format(ratio),
      date: (iso) => (iso ? dateFormat.format(parse(iso)) : "—"),
      dateTime: (iso) => (iso ? dateTimeFormat.format(parse(iso)) : "—"),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === null) throw new Error("useI18n outside I18nProvider");
  return value;
}
