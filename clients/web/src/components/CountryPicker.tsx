// A country, chosen by its name in the user's language and stored as its ISO 3166-1 alpha-2
// code: a text box with a list of suggestions (a native combobox), searchable by typing.
// Text that names no country is passed on as typed, so the API refuses it at the field
// (invalid_country) instead of it being cut to two letters.
import { useEffect, useId, useMemo, useState } from "react";

import type { FieldProblem } from "../api";
import { useI18n } from "../i18n";
import { Field } from "./ui";

/** ISO 3166-1 alpha-2, as the API's pycountry knows it. */
export const COUNTRY_CODES = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW".split(" ");

export interface Country {
  code: string;
  name: string;
}

/** Every country with its name in `locale`, in that language's alphabetical order. */
export function countryNames(locale: string): Country[] {
  let display: Intl.DisplayNames | null = null;
  try {
    display = new Intl.DisplayNames([locale, "en"], { type: "region", fallback: "code" });
  } catch {
    display = null;
  }
  const collator = new Intl.Collator(locale);
  return COUNTRY_CODES.map((code) => ({ code, name: display?.of(code) ?? code })).sort((a, b) => collator.compare(a.name, b.name));
}

const fold = (text: string) => text.trim().toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");

/** The code a typed text names: a name in the user's language or in English, or a code;
 * "" for nothing typed, null for text that names no country. */
export function countryCode(text: string, names: Country[], english: Country[] = []): string | null {
  const wanted = fold(text);
  if (!wanted) return "";
  const upper = text.trim().toUpperCase();
  if (upper.length === 2 && COUNTRY_CODES.includes(upper)) return upper;
  return (names.find((c) => fold(c.name) === wanted) ?? english.find((c) => fold(c.name) === wanted))?.code ?? null;
}

interface Props {
  label: string;
  value: string;
  error?: FieldProblem | string;
  onChange: (value: string) => void;
}

export function CountryPicker({ label, value, error, onChange }: Props) {
  const { t, locale } = useI18n();
  const listId = useId();
  const names = useMemo(() => countryNames(locale), [locale]);
  const english = useMemo(() => countryNames("en"), []);
  const nameOf = (code: string) => names.find((c) => c.code === code)?.name ?? code;
  const [text, setText] = useState(() => (value ? nameOf(value) : ""));
  useEffect(() => {
    // A value set from outside (a record loaded, the language changed) shows as its name.
    if (countryCode(text, names, english) !== value) setText(value ? nameOf(value) : "");
  }, [value, names]);
  return (
    <Field label={label} error={error} hint={t("country.hint")}>
      {(props) => (
        <>
          <input
            {...props}
            list={listId}
            autoComplete="off"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              onChange(countryCode(e.target.value, names, english) ?? e.target.value.trim());
            }}
          />
          <datalist id={listId}>
            {names.map((c) => (
              <option key={c.code} value={c.name}>
                {c.code}
              </option>
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}
