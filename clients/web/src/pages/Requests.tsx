// The customer request queue: mine, my team's or everyone's my scope shows, filtered by status,
// priority and overdue. Each request opens its own page (where it is taken, assigned and
// moved along the API's status graph); "New request" registers one.
import { type RequestPriority, requestsList, type RequestStatus } from "@crm/sdk";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link, useSearchParams } from "react-router";

import { ok } from "../api";
import { useAuth } from "../auth";
import { ErrorMessage, LoadMore, Loading, PageHeader } from "../components/ui";
import { type MessageKey, useI18n } from "../i18n";
import { useUsers } from "../lookups";
import { ContactName } from "./Contacts";
import { NewRequestDialog } from "./RequestForm";

const STATUSES: RequestStatus[] = ["new", "open", "pending", "resolved", "closed"];
const PRIORITIES: RequestPriority[] = ["low", "normal", "high", "urgent"];

export default function RequestsPage() {
  const { t, dateTime } = useI18n();
  const { client, claims, can } = useAuth();
  const users = useUsers();
  const [params, setParams] = useSearchParams();
  const id = useId();
  const view = params.get("view") ?? "mine";
  const filters = {
    assignee_id: view === "mine" ? claims?.sub : undefined,
    team_id: view === "team" && claims?.team ? claims.team : undefined,
    status: (params.get("status") as RequestStatus | null) || undefined,
    priority: (params.get("priority") as RequestPriority | null) || undefined,
    overdue: params.get("overdue") === "1" ? true : undefined,
  };
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const requests = useInfiniteQuery({
    queryKey: ["requests", filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => ok(requestsList({ client, query: { ...filters, limit: 50, cursor: pageParam } })),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const rows = requests.data?.pages.flatMap((p) => p.items) ?? [];
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title={t("nav.requests")}
        actions={
          can("requests:write") ? (
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              {t("requests.new")}
            </button>
          ) : null
        }
      />
      <form className="filters" aria-label={t("common.filters")} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-view`}>{t("requests.view")}</label>
          <select id={`${id}-view`} value={view} onChange={(e) => set("view", e.target.value)}>
            <option value="mine">{t("requests.mine")}</option>
            {claims?.team ? <option value="team">{t("requests.team")}</option> : null}
            <option value="all">{t("requests.everyone")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t("requests.status")}</label>
          <select id={`${id}-status`} value={filters.status ?? ""} onChange={(e) => set("status", e.target.value)}>
            <option value="">{t("common.all")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`request.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-priority`}>{t("requests.priority")}</label>
          <select id={`${id}-priority`} value={filters.priority ?? ""} onChange={(e) => set("priority", e.target.value)}>
            <option value="">{t("common.all")}</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field inline">
          <input
            id={`${id}-overdue`}
            type="checkbox"
            checked={filters.overdue === true}
            onChange={(e) => set("overdue", e.target.checked ? "1" : "")}
          />
          <label htmlFor={`${id}-overdue`}>{t("requests.overdueOnly")}</label>
        </div>
      </form>
      {requests.isLoading ? <Loading /> : null}
      <ErrorMessage error={requests.error} />
      {requests.isSuccess && rows.length === 0 ? <p className="muted">{t("requests.none")}</p> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("nav.requests")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("requests.subject")}</th>
                <th scope="col">{t("requests.contact")}</th>
                <th scope="col">{t("requests.status")}</th>
                <th scope="col">{t("requests.priority")}</th>
                <th scope="col">{t("requests.dueBy")}</th>
                <th scope="col">{t("requests.assignee")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/requests/${r.id}`}>{r.subject}</Link>
                  </th>
                  <td>
                    <ContactName id={r.contact_id} />
                  </td>
                  <td>{t(`request.status.${r.status}` as MessageKey)}</td>
                  <td>
                    <span className={`priority priority-${r.priority}`}>{t(`priority.${r.priority}` as MessageKey)}</span>
                  </td>
                  <td>
                    {dateTime(r.due_by)}
                    {r.overdue ? <span className="badge badge-overdue"> {t("requests.overdue")}</span> : null}
                  </td>
                  <td>{r.assignee_id === claims?.sub ? t("common.me") : users.name(r.assignee_id)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore hasMore={Boolean(requests.hasNextPage)} busy={requests.isFetchingNextPage} onVisible={() => void requests.fetchNextPage()} />
      {creating ? <NewRequestDialog onClose={() => setCreating(false)} /> : null}
    </>
  );
}
