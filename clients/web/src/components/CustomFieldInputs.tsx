// The custom fields an administrator defined for contacts, companies or deals, as inputs:
// one per definition the API serves (GET /custom-fields?entity=), of the kind its type
// wants, required ones marked, the API's `custom_fields.<key>` errors at their input.
// Which values are valid stays the API's decision; this only turns inputs into JSON.
import { type CustomEntity, type CustomFieldRead, customFieldsList } from "@crm/sdk";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";

import { type FieldProblem, ok } from "../api";
import { useAuth } from "../auth";
import { useI18n } from "../i18n";
import { Field, fieldErrorText } from "./ui";

/** What an input holds: text (text, number, date, single choice, and "true"/"false" for a
 * yes/no field) or the chosen values of a multiple choice. */
export type CustomDraft = Record<string, string | string[]>;

const inOrder = (data: { items: CustomFieldRead[] }) =>
  [...data.items].sort((a, b) => a.position - b.position || a.label.localeCompare(b.label));

export function useCustomFieldDefinitions(entity: CustomEntity) {
  const { client } = useAuth();
  return useQuery({
    queryKey: ["custom-fields", entity],
    queryFn: () => ok(customFieldsList({ client, query: { entity } })),
    staleTime: 60_000,
    select: inOrder,
  });
}

function draftValue(definition: CustomFieldRead, value: unknown): string | string[] {
  if (definition.type === "multi_choice") return Array.isArray(value) ? value.map(String) : [];
  if (value === null || value === undefined) return "";
  return String(value);
}

function jsonValue(definition: CustomFieldRead, value: string | string[] | undefined): unknown {
  if (definition.type === "multi_choice") return Array.isArray(value) && value.length ? value : null;
  const text = typeof value === "string" ? value.trim() : "";
  if (text === "") return null;
  if (definition.type === "number") {
    const number = Number(text);
    return Number.isFinite(number) ? number : text; // the API names what it cannot read
  }
  if (definition.type === "boolean") return text === "true";
  return text;
}

/** The draft of a record's custom fields, and its values as the API takes them. */
export function useCustomFieldDraft(entity: CustomEntity, stored?: Record<string, unknown> | null) {
  const definitions = useCustomFieldDefinitions(entity);
  const [draft, setDraft] = useState<CustomDraft>({});
  const [base, setBase] = useState<CustomDraft>({});
  const items = useMemo(() => definitions.data ?? [], [definitions.data]);
  useEffect(() => {
    const loaded: CustomDraft = {};
    for (const definition of items) loaded[definition.key] = draftValue(definition, stored?.[definition.key]);
    setDraft(loaded);
    setBase(loaded);
  }, [items, stored]);
  /** Every value set, for a new record; undefined when none is. */
  const created = useCallback(() => {
    const body: Record<string, unknown> = {};
    for (const definition of items) {
      const value = jsonValue(definition, draft[definition.key]);
      if (value !== null) body[definition.key] = value;
    }
    return Object.keys(body).length ? body : undefined;
  }, [items, draft]);
  /** Only what changed (null clears a value), for a PATCH; undefined when nothing did. */
  const changed = useCallback(() => {
    const body: Record<string, unknown> = {};
    for (const definition of items) {
      const before = JSON.stringify(base[definition.key] ?? "");
      if (JSON.stringify(draft[definition.key] ?? "") !== before) body[definition.key] = jsonValue(definition, draft[definition.key]);
    }
    return Object.keys(body).length ? body : undefined;
  }, [items, draft, base]);
  return { definitions: items, draft, setDraft, created, changed };
}

export type CustomFieldDraft = ReturnType<typeof useCustomFieldDraft>;

/** The inputs, in a group of their own; renders nothing when no field is defined. */
export function CustomFieldInputs({ fields, errors }: { fields: CustomFieldDraft; errors: Record<string, FieldProblem> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { definitions, draft, setDraft } = fields;
  if (definitions.length === 0) return null;
  const set = (key: string, value: string | string[]) => setDraft((d) => ({ ...d, [key]: value }));
  return (
    <fieldset className="custom-fields">
      <legend>{t("customFields.title")}</legend>
      {definitions.map((definition) => {
        const error = errors[`custom_fields.${definition.key}`];
        const value = draft[definition.key] ?? (definition.type === "multi_choice" ? [] : "");
        if (definition.type === "multi_choice") {
          const chosen = Array.isArray(value) ? value : [];
          const errorId = `custom-${definition.key}-error`;
          return (
            <fieldset
              key={definition.id}
              className={error ? "field field-invalid" : "field"}
              aria-describedby={error ? errorId : undefined}
            >
              <legend>
                {definition.label}
                {definition.required ? <span className="required-mark"> ({t("common.required")})</span> : null}
              </legend>
              {definition.choices.map((choice) => (
                <label key={choice} className="checkbox">
                  <input
                    type="checkbox"
                    checked={chosen.includes(choice)}
                    onChange={(e) => set(definition.key, e.target.checked ? [...chosen, choice] : chosen.filter((c) => c !== choice))}
                  />{" "}
                  {choice}
                </label>
              ))}
              {error ? (
                <small id={errorId} className="field-error">
                  {fieldErrorText(error, i18n)}
                </small>
              ) : null}
            </fieldset>
          );
        }
        const text = typeof value === "string" ? value : "";
        return (
          <Field key={definition.id} label={definition.label} error={error} required={definition.required}>
            {(props) => {
              const common = { ...props, "aria-required": definition.required || undefined };
              if (definition.type === "single_choice" || definition.type === "boolean") {
                const options =
                  definition.type === "boolean"
                    ? [
                        { value: "true", label: t("common.yes") },
                        { value: "false", label: t("common.no") },
                      ]
                    : definition.choices.map((c) => ({ value: c, label: c }));
                return (
                  <select {...common} value={text} onChange={(e) => set(definition.key, e.target.value)}>
                    <option value="">—</option>
                    {options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                );
              }
              const type = definition.type === "number" ? "number" : definition.type === "date" ? "date" : "text";
              return (
                <input
                  {...common}
                  type={type}
                  step={definition.type === "number" ? "any" : undefined}
                  value={text}
                  onChange={(e) => set(definition.key, e.target.value)}
                />
              );
            }}
          </Field>
        );
      })}
    </fieldset>
  );
}
