// Pick one record (a contact, a company) by typing part of its name: the API's list
// endpoint searches (`q=`) as you type; arrow keys browse, Enter or a click picks, Escape
// closes; emptying the box and leaving it unlinks, as does the clear button.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";

import type { FieldProblem } from "../api";
import { useI18n } from "../i18n";
import { Field } from "./ui";
import { comboboxProps, ListOption, useDebounced } from "./SearchBox";

export interface Choice {
  id: string;
  label: string;
  detail?: string;
}

interface RecordPickerProps {
  label: string;
  /** Names the searches in the query cache ("contacts", "companies"). */
  kind: string;
  value: Choice | null;
  onChange: (value: Choice | null) => void;
  search: (q: string) => Promise<Choice[]>;
  error?: FieldProblem | string;
}

export function RecordPicker({ label, kind, value, onChange, search, error }: RecordPickerProps) {
  const { t } = useI18n();
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value?.label ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const closing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(closing.current), []);
  useEffect(() => setText(value?.label ?? ""), [value?.id, value?.label]);
  const q = useDebounced(text.trim(), 200);
  const searching = open && q.length >= 1 && q !== value?.label;
  const results = useQuery({
    queryKey: ["picker", kind, q],
    enabled: searching,
    staleTime: 30_000,
    queryFn: () => search(q),
  });
  const hits = searching ? (results.data ?? []) : [];
  useEffect(() => setActive(0), [q]);
  const expanded = searching && (hits.length > 0 || !results.isFetching);

  const pick = (choice: Choice | undefined) => {
    if (!choice) return;
    onChange(choice);
    setText(choice.label);
    setOpen(false);
  };

  return (
    <Field label={label} error={error}>
      {(props) => (
        <div className="picker">
          <div className="picker-row">
            <input
              {...props}
              ref={input}
              type="text"
              placeholder={t("picker.placeholder")}
              {...comboboxProps(listId, expanded, expanded && hits[active] ? active : null)}
              value={text}
              onChange={(e) => {
                clearTimeout(closing.current);
                setText(e.target.value);
                setOpen(true);
              }}
              onBlur={() => {
                clearTimeout(closing.current);
                closing.current = setTimeout(() => setOpen(false), 150);
                if (text.trim() === "") {
                  if (value) onChange(null);
                } else {
                  setText(value?.label ?? "");
                }
              }}
              onKeyDown={(e) => {
                if (e.key === "ArrowDown") {
                  e.preventDefault();
                  setOpen(true);
                  setActive((i) => Math.min(i + 1, hits.length - 1));
                } else if (e.key === "ArrowUp") {
                  e.preventDefault();
                  setActive((i) => Math.max(i - 1, 0));
                } else if (e.key === "Enter" && expanded) {
                  // Picks; never submits the form around it.
                  e.preventDefault();
                  pick(hits[active]);
                } else if (e.key === "Escape" && expanded) {
                  e.stopPropagation();
                  setOpen(false);
                  setText(value?.label ?? "");
                }
              }}
            />
            {value ? (
              <button
                type="button"
                className="picker-clear"
                aria-label={t("picker.clear", { field: label })}
                onClick={() => {
                  onChange(null);
                  setText("");
                  input.current?.focus();
                }}
              >
                ×
              </button>
            ) : null}
          </div>
          {expanded ? (
            <div className="picker-popup">
              {hits.length === 0 ? (
                <p className="muted small" role="status">
                  {t("picker.none")}
                </p>
              ) : null}
              <div id={listId} role="listbox" aria-label={label}>
                {hits.map((hit, index) => (
                  <ListOption
                    key={hit.id}
                    id={`${listId}-${index}`}
                    active={index === active}
                    label={hit.label}
                    detail={hit.detail}
                    onPick={() => pick(hit)}
                  />
                ))}
              </div>
            </div>
          ) : null}
        </div>
      )}
    </Field>
  );
}
