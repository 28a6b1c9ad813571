// The global search: contacts, companies and deals as you type. `/` or Ctrl+K focuses it;
// arrow keys move through the results, Enter opens one, Escape closes the list.
import { companiesList, contactsList, dealsList } from "@crm/sdk";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useNavigate } from "react-router";

import { ok } from "../api";
import { useAuth } from "../auth";
import { type MessageKey, useI18n } from "../i18n";

interface Hit {
  kind: "contact" | "company" | "deal";
  id: string;
  label: string;
  detail: string;
  href: string;
}

const GROUPS: Array<{ kind: Hit["kind"]; label: MessageKey }> = [
  { kind: "contact", label: "search.contacts" },
  { kind: "company", label: "search.companies" },
  { kind: "deal", label: "search.deals" },
];

export function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export function SearchBox() {
  const { t } = useI18n();
  const { client, can } = useAuth();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = useDebounced(text.trim(), 200);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrlK = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k";
      if (ctrlK || (e.key === "/" && !isTyping(e.target))) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const results = useQuery({
    queryKey: ["search", q],
    enabled: q.length >= 2,
    queryFn: async (): Promise<Hit[]> => {
      const none = Promise.resolve(null);
      const [contacts, companies, deals] = await Promise.all([
        can("contacts:read") ? ok(contactsList({ client, query: { q, limit: 5 } })) : none,
        can("companies:read") ? ok(companiesList({ client, query: { q, limit: 5 } })) : none,
        can("deals:read") ? ok(dealsList({ client, query: { q, limit: 5 } })) : none,
      ]);
      return [
        ...(contacts?.items ?? []).map((c) => ({
          kind: "contact" as const,
          id: c.id,
          label: c.full_name || c.emails[0]?.email || "—",
          detail: [c.title, c.emails[0]?.email].filter(Boolean).join(" · "),
          href: `/contacts/${c.id}`,
        })),
        ...(companies?.items ?? []).map((c) => ({
          kind: "company" as const,
          id: c.id,
          label: c.name,
          detail: [c.city, c.country].filter(Boolean).join(", "),
          href: `/companies/${c.id}`,
        })),
        ...(deals?.items ?? []).map((d) => ({
          kind: "deal" as const,
          id: d.id,
          label: d.title,
          detail: d.status,
          href: `/deals/${d.id}`,
        })),
      ];
    },
  });
  const hits = q.length >= 2 ? (results.data ?? []) : [];
  useEffect(() => setActive(0), [q]);

  const go = (hit: Hit | undefined) => {
    if (!hit) return;
    setOpen(false);
    setText("");
    void navigate(hit.href);
  };
  const expanded = open && q.length >= 2;

  return (
    <div className="search" role="search">
      <label htmlFor={`${listId}-input`} className="visually-hidden">
        {t("search.label")}
      </label>
      <input
        ref={input}
        id={`${listId}-input`}
        type="search"
        placeholder={t("search.placeholder")}
        {...comboboxProps(listId, expanded, expanded && hits[active] ? active : null)}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive((i) => Math.min(i + 1, hits.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (e.key === "Enter") {
            e.preventDefault();
            go(hits[active]);
          } else if (e.key === "Escape") {
            setOpen(false);
          }
        }}
      />
      <kbd className="search-hint" aria-hidden="true">
        /
      </kbd>
      {expanded ? (
        <div className="search-popup">
          {hits.length === 0 ? (
            <p className="muted" role="status">
              {results.isFetching ? t("common.loading") : t("search.none")}
            </p>
          ) : null}
          <div id={listId} role="listbox" className="search-results" aria-label={t("search.results")}>
            {GROUPS.map((group) =>
              hits.some((h) => h.kind === group.kind) ? (
                <div key={group.kind} role="group" aria-label={t(group.label)}>
                  <div className="search-group" aria-hidden="true">
                    {t(group.label)}
                  </div>
                  {hits.map((hit, index) =>
                    hit.kind === group.kind ? (
                      <ListOption
                        key={hit.id}
                        id={`${listId}-${index}`}
                        active={index === active}
                        label={hit.label}
                        detail={hit.detail}
                        onPick={() => go(hit)}
                      />
                    ) : null,
                  )}
                </div>
              ) : null,
            )}
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** The attributes of a text box that offers a listbox (`listId`) as one types, with the
 * option at `active` highlighted (ARIA 1.2 combobox). */
export function comboboxProps(listId: string, expanded: boolean, active: number | null) {
  return {
    role: "combobox",
    autoComplete: "off",
    "aria-expanded": expanded,
    "aria-controls": listId,
    "aria-autocomplete": "list" as const,
    "aria-activedescendant": active === null ? undefined : `${listId}-${active}`,
  };
}

/** One option of a listbox the keyboard browses: picked on mouse down, so the input it
 * belongs to keeps the focus. */
export function ListOption({
  id,
  active,
  label,
  detail,
  onPick,
}: {
  id: string;
  active: boolean;
  label: string;
  detail?: string | null;
  onPick: () => void;
}) {
  return (
    <div
      id={id}
      role="option"
      aria-selected={active}
      className={active ? "option active" : "option"}
      onMouseDown={(e) => {
        e.preventDefault();
        onPick();
      }}
    >
      <span>{label}</span>
      {detail ? <small className="muted"> {detail}</small> : null}
    </div>
  );
}
