// Five interface languages, following the phone's language (as the web app follows the
// browser's): ./en.ts is the reference, the others must have every key (TypeScript
// checks it). Dates go through Intl in the phone's locale.
import { getLocales } from "expo-localization";
import { createContext, type ReactNode, useContext, useMemo } from "react";

import de from "./de";
import en, { type Messages } from "./en";
import fr from "./fr";
import ru from "./ru";
import zh from "./zh";

export type Lang = "en" | "de" | "fr" | "ru" | "zh";
export type MessageKey = keyof Messages;

const DICTIONARIES: Record<Lang, Messages> = { en, de, fr, ru, zh };

function isLang(value: unknown): value is Lang {
  return typeof value === "string" && value in DICTIONARIES;
}

/** The first of the phone's languages the app speaks, else English. */
export function detectLanguage(tags: readonly string[]): Lang {
  for (const tag of tags) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (isLang(base)) return base;
  }
  return "en";
}

function deviceLocales(): string[] {
  try {
    return getLocales().map((locale) => locale.languageTag);
  } catch {
    return [];
  }
}

// `{count, plural, one {# change} other {# changes}}`: the branch the language's plural
// rules pick (Russian has one, few and many); the same form the web app's dictionaries use.
const PLURAL = /\{(\w+), plural,((?:\s*\w+ \{[^{}]*\})+)\s*\}/g;
const BRANCH = /(\w+) \{([^{}]*)\}/g;

function pluralForm(lang: Lang, value: number): string {
  try {
    return new Intl.PluralRules(lang).select(value);
  } catch {
    return value === 1 ? "one" : "other";
  }
}

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const text: string = DICTIONARIES[lang][key] ?? en[key] ?? key;
  if (!params) return text;
  return text
    .replace(PLURAL, (whole, name: string, branches: string) => {
      const value = params[name];
      if (typeof value !== "number") return whole;
      const forms = new Map<string, string>();
      for (const [, form, branch] of branches.matchAll(BRANCH)) forms.set(form, branch);
      return (forms.get(pluralForm(lang, value)) ?? forms.get("other") ?? "").replaceAll("#", String(value));
    })
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  dateTime: (iso: string | null | undefined) => string;
  /** An amount in integer minor units (the API's form) in its currency. */
  money: (minor: number, currency: string) => string;
}

export function formatMoney(locale: string, minor: number, currency: string): string {
  try {
    const format = new Intl.NumberFormat(locale, { style: "currency", currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(minor / 10 ** digits);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const value = useMemo<I18n>(() => {
    const locales = deviceLocales();
    const lang = fixed ?? detectLanguage(locales);
    const locale = locales.find((tag) => detectLanguage([tag]) === lang) ?? lang;
    let format: (date: Date) => string;
    try {
      const intl = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
      format = (date) => intl.format(date);
    } catch {
      format = (date) => date.toISOString().slice(0, 16).replace("T", " ");
    }
    return {
      lang,
      t: (key, params) => translate(lang, key, params),
      dateTime: (iso) => (iso ? format(new Date(iso)) : ""),
      money: (minor, currency) => formatMoney(locale, minor, currency),
    };
  }, [fixed]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
