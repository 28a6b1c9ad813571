// The contacts table: filters (owner, team, stage, tag, country) and sort kept in the URL,
// infinite scroll by cursor, export of the same selection.
import {
  type ContactRead,
  contactsBatch,
  type ContactsListData,
  contactsExport,
  contactsGet,
  contactsList,
  type LifecycleStage,
} from "@crm/sdk";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";

import { ok } from "../api";
import { useAuth } from "../auth";
import { countryNames } from "../components/CountryPicker";
import { ErrorMessage, LoadMore, Loading, PageHeader, StageBadge } from "../components/ui";
import { type MessageKey, useI18n } from "../i18n";
import { useCompany, useTeams, useUsers } from "../lookups";

export const STAGES: LifecycleStage[] = ["lead", "prospect", "customer", "churned"];
const PAGE = 50;
const BATCH = 100; // the API's batch limit

type Column = "company" | "stage" | "country" | "owner" | "updated" | "created";
const COLUMNS: Array<[Column, MessageKey]> = [
  ["company", "contacts.company"],
  ["stage", "contacts.stage"],
  ["country", "contacts.country"],
  ["owner", "contacts.owner"],
  ["updated", "contacts.updated"],
  ["created", "contacts.created"],
];
const COLUMNS_KEY = "crm.contacts.columns";

function useColumns(): [Set<Column>, (column: Column, shown: boolean) => void] {
  const [shown, setShown] = useState<Set<Column>>(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? "null") as Column[] | null;
      if (Array.isArray(saved)) return new Set(saved);
    } catch {
      // fall back to every column
    }
    return new Set(COLUMNS.map(([c]) => c));
  });
  const toggle = (column: Column, on: boolean) => {
    const next = new Set(shown);
    if (on) next.add(column);
    else next.delete(column);
    setShown(next);
    localStorage.setItem(COLUMNS_KEY, JSON.stringify([...next]));
  };
  return [shown, toggle];
}

/** Tag or re-assign the selected contacts, 100 per all-or-nothing batch. */
function BulkActions({ selected, onDone }: { selected: ContactRead[]; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const { client, claims, access } = useAuth();
  const users = useUsers();
  const queryClient = useQueryClient();
  const id = useId();
  // Handing contacts to someone else follows the write level: not at own, within the team
  // at team, anyone at all (a display hint; the API decides).
  const reassign = access.contacts.write;
  const owners = users.list.filter((u) => u.id !== claims?.sub && (reassign === "all" || (Boolean(claims?.team) && u.team_id === claims?.team)));
  const [tag, setTag] = useState("");
  const [owner, setOwner] = useState("");
  const run = useMutation({
    mutationFn: async (change: (c: ContactRead) => { tags?: string[]; owner_id?: string }) => {
      for (let i = 0; i < selected.length; i += BATCH) {
        const items = selected.slice(i, i + BATCH).map((c) => ({ id: c.id, version: c.version, ...change(c) }));
        await ok(contactsBatch({ client, body: { items } }));
      }
      return selected.length;
    },
    onSuccess: (count) => {
      setTag("");
      onDone(t("contacts.bulkDone", { count }));
      void queryClient.invalidateQueries({ queryKey: ["contacts"] });
    },
  });
  return (
    <div className="card bulk" role="region" aria-label={t("contacts.selected", { count: selected.length })}>
      <strong>{t("contacts.selected", { count: selected.length })}</strong>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const value = tag.trim();
          if (value) run.mutate((c) => ({ tags: [...new Set([...c.tags, value])] }));
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-tag`}>{t("contacts.bulkTag")}</label>
          <input id={`${id}-tag`} value={tag} onChange={(e) => setTag(e.target.value)} />
        </div>
        <button type="submit" disabled={run.isPending || !tag.trim()}>
          {t("contacts.addTag")}
        </button>
      </form>
      {reassign === "team" || reassign === "all" ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (owner) run.mutate(() => ({ owner_id: owner }));
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-owner`}>{t("contacts.assignTo")}</label>
            <select id={`${id}-owner`} value={owner} onChange={(e) => setOwner(e.target.value)}>
              <option value="">—</option>
              {claims ? <option value={claims.sub}>{t("common.me")}</option> : null}
              {owners.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.full_name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={run.isPending || !owner}>
            {t("contacts.assign")}
          </button>
        </form>
      ) : null}
      <ErrorMessage error={run.error} />
    </div>
  );
}

type Query = NonNullable<ContactsListData["query"]>;

export function ContactName({ id }: { id: string | null }) {
  const { client } = useAuth();
  const contact = useQuery({
    queryKey: ["contact", id],
    enabled: Boolean(id),
    staleTime: 60_000,
    queryFn: () => ok(contactsGet({ client, path: { contact_id: id! } })),
  });
  if (!id) return <span className="muted">—</span>;
  return <Link to={`/contacts/${id}`}>{contact.data?.full_name ?? "…"}</Link>;
}

function CompanyName({ id }: { id: string | null }) {
  const company = useCompany(id);
  if (!id) return <span className="muted">—</span>;
  return <Link to={`/companies/${id}`}>{company.data?.name ?? "…"}</Link>;
}

export function ContactsPage() {
  const { t, date, locale } = useI18n();
  const countries = useMemo(() => countryNames(locale), [locale]);
  const countryName = (code: string) => countries.find((c) => c.code === code)?.name ?? code;
  const { client, can, claims, mayChange } = useAuth();
  const users = useUsers();
  const teams = useTeams();
  const [params, setParams] = useSearchParams();
  const filterId = useId();
  const [exportError, setExportError] = useState<unknown>(null);
  const [columns, toggleColumn] = useColumns();
  const [selectedIds, setSelectedIds] = useState<Set<string>>(new Set());
  const [bulkDone, setBulkDone] = useState<string | null>(null);
  const writable = can("contacts:write");

  const filters: Query = {
    owner_id: params.get("owner") || undefined,
    team_id: params.get("team") || undefined,
    lifecycle_stage: (params.get("stage") as LifecycleStage | null) || undefined,
    tag: params.getAll("tag").filter(Boolean),
    country: params.get("country") || undefined,
    q: params.get("q") || undefined,
    sort: params.get("sort") || "name",
  };
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const contacts = useInfiniteQuery({
    queryKey: ["contacts", filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => ok(contactsList({ client, query: { ...filters, limit: PAGE, cursor: pageParam } })),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const rows = contacts.data?.pages.flatMap((p) => p.items) ?? [];
  // Only contacts the write level reaches can be picked for bulk changes (a display hint:
  // a role may read the whole directory and change only its own).
  const changeable = rows.filter((c) => mayChange("contacts", c));
  const selected = changeable.filter((c) => selectedIds.has(c.id));
  const select = (ids: string[], on: boolean) => {
    const next = new Set(selectedIds);
    for (const one of ids) {
      if (on) next.add(one);
      else next.delete(one);
    }
    setSelectedIds(next);
    setBulkDone(null);
  };

  const sortHeader = (field: string, label: MessageKey) => {
    const current = filters.sort ?? "name";
    const active = current === field || current === `-${field}`;
    const descending = current === `-${field}`;
    return (
      <th scope="col" aria-sort={active ? (descending ? "descending" : "ascending") : "none"}>
        <button type="button" className="sort" onClick={() => set("sort", active && !descending ? `-${field}` : field)}>
          {t(label)}
          <span aria-hidden="true">{active ? (descending ? " ▼" : " ▲") : ""}</span>
        </button>
      </th>
    );
  };

  const download = async (format: "csv" | "xlsx") => {
    setExportError(null);
    try {
      const blob = await ok(
        contactsExport({ client, query: { ...filters, format }, parseAs: "blob" }) as Promise<{
          data?: Blob;
          error?: unknown;
          response?: Response;
        }>,
      );
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = `contacts.${format}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      setExportError(error);
    }
  };

  return (
    <>
      <PageHeader
        title={t("contacts.title")}
        actions={
          <>
            {can("data:export") ? (
              <>
                <button type="button" onClick={() => void download("csv")}>
                  {t("contacts.exportCsv")}
                </button>
                <button type="button" onClick={() => void download("xlsx")}>
                  {t("contacts.exportXlsx")}
                </button>
              </>
            ) : null}
            {can("contacts:write") ? (
              <Link className="button primary" to="/contacts/new">
                {t("contacts.new")}
              </Link>
            ) : null}
          </>
        }
      />
      <ErrorMessage error={exportError} />
      <form className="filters" role="search" aria-label={t("common.filters")} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${filterId}-q`}>{t("common.search")}</label>
          <input id={`${filterId}-q`} type="search" value={filters.q ?? ""} onChange={(e) => set("q", e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${filterId}-owner`}>{t("contacts.owner")}</label>
          <select id={`${filterId}-owner`} value={filters.owner_id ?? ""} onChange={(e) => set("owner", e.target.value)}>
            <option value="">{t("common.anyone")}</option>
            {claims ? <option value={claims.sub}>{t("common.me")}</option> : null}
            {users.list
              .filter((u) => u.id !== claims?.sub)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.full_name}
                </option>
              ))}
          </select>
        </div>
        {teams.data?.items.length ? (
          <div className="field">
            <label htmlFor={`${filterId}-team`}>{t("contacts.team")}</label>
            <select id={`${filterId}-team`} value={filters.team_id ?? ""} onChange={(e) => set("team", e.target.value)}>
              <option value="">{t("common.all")}</option>
              {teams.data.items.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${filterId}-stage`}>{t("contacts.stage")}</label>
          <select id={`${filterId}-stage`} value={filters.lifecycle_stage ?? ""} onChange={(e) => set("stage", e.target.value)}>
            <option value="">{t("common.all")}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`stage.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${filterId}-tag`}>{t("contacts.tag")}</label>
          <input id={`${filterId}-tag`} value={params.get("tag") ?? ""} onChange={(e) => set("tag", e.target.value.trim())} />
        </div>
        <div className="field narrow">
          <label htmlFor={`${filterId}-country`}>{t("contacts.country")}</label>
          <select id={`${filterId}-country`} value={filters.country ?? ""} onChange={(e) => set("country", e.target.value)}>
            <option value="">{t("common.all")}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </form>
      <details className="columns-choice">
        <summary>{t("contacts.columns")}</summary>
        <fieldset>
          <legend className="visually-hidden">{t("contacts.columns")}</legend>
          {COLUMNS.map(([column, label]) => (
            <label key={column} className="check">
              <input type="checkbox" checked={columns.has(column)} onChange={(e) => toggleColumn(column, e.target.checked)} />
              {t(label)}
            </label>
          ))}
        </fieldset>
      </details>
      {writable && selected.length > 0 ? (
        <BulkActions
          selected={selected}
          onDone={(message) => {
            setSelectedIds(new Set());
            setBulkDone(message);
          }}
        />
      ) : null}
      {bulkDone ? (
        <p className="success" role="status">
          {bulkDone}
        </p>
      ) : null}
      {contacts.isLoading ? <Loading /> : null}
      <ErrorMessage error={contacts.error} />
      {contacts.isSuccess && rows.length === 0 ? <p className="muted">{t("contacts.none")}</p> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("contacts.title")}</caption>
            <thead>
              <tr>
                {writable ? (
                  <th scope="col" className="select">
                    <input
                      type="checkbox"
                      aria-label={t("contacts.selectAll")}
                      disabled={changeable.length === 0}
                      checked={changeable.length > 0 && selected.length === changeable.length}
                      onChange={(e) => select(changeable.map((c) => c.id), e.target.checked)}
                    />
                  </th>
                ) : null}
                {sortHeader("name", "contacts.name")}
                {columns.has("company") ? <th scope="col">{t("contacts.company")}</th> : null}
                {columns.has("stage") ? <th scope="col">{t("contacts.stage")}</th> : null}
                {columns.has("country") ? <th scope="col">{t("contacts.country")}</th> : null}
                {columns.has("owner") ? <th scope="col">{t("contacts.owner")}</th> : null}
                {columns.has("updated") ? sortHeader("updated_at", "contacts.updated") : null}
                {columns.has("created") ? sortHeader("created_at", "contacts.created") : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  {writable ? (
                    <td className="select">
                      {mayChange("contacts", c) ? (
                        <input
                          type="checkbox"
                          aria-label={t("contacts.select", { name: c.full_name || c.emails[0]?.email || c.id })}
                          checked={selectedIds.has(c.id)}
                          onChange={(e) => select([c.id], e.target.checked)}
                        />
                      ) : null}
                    </td>
                  ) : null}
                  <th scope="row">
                    <Link to={`/contacts/${c.id}`}>{c.full_name || c.emails[0]?.email || "—"}</Link>
                    {c.title ? <div className="muted small">{c.title}</div> : null}
                  </th>
                  {columns.has("company") ? (
                    <td>
                      <CompanyName id={c.company_id} />
                    </td>
                  ) : null}
                  {columns.has("stage") ? (
                    <td>
                      <StageBadge stage={c.lifecycle_stage} />
                    </td>
                  ) : null}
                  {columns.has("country") ? <td>{c.country ? countryName(c.country) : "—"}</td> : null}
                  {columns.has("owner") ? <td>{c.owner_id === claims?.sub ? t("common.me") : users.name(c.owner_id)}</td> : null}
                  {columns.has("updated") ? <td>{date(c.updated_at)}</td> : null}
                  {columns.has("created") ? <td>{date(c.created_at)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore
        hasMore={Boolean(contacts.hasNextPage)}
        busy={contacts.isFetchingNextPage}
        onVisible={() => void contacts.fetchNextPage()}
      />
    </>
  );
}
