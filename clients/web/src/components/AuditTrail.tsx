// The audit trail (GET /audit-events, for audit:read): who did what to which record, and
// when, newest first, narrowed by kind of record, action and a time window. Sign-ins,
// failed sign-ins and exports are there too, with what they were given.
import { type AuditAction, type AuditTrailEventRead, auditEventsList } from "@crm/sdk";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";

import { ok } from "../api";
import { useAuth } from "../auth";
import { type MessageKey, useI18n } from "../i18n";
import { entityLabel } from "../labels";
import { createdDespite, POSSIBLE_DUPLICATES } from "./Duplicates";
import { ErrorMessage, Field, LoadMore, Loading } from "./ui";

const ACTIONS: AuditAction[] = [
  "created",
  "updated",
  "archived",
  "restored",
  "merged",
  "deleted",
  "signed_in",
  "sign_in_failed",
  "exported",
];
const KINDS = ["contact", "company", "deal", "interaction", "task", "request", "user", "role", "api_key", "contact_export"];
const PAGE = 50;

/** The start of a day in the browser's time zone, as the API's timestamps want it. */
function dayStart(day: string, plusDays = 0): string | null {
  if (!day) return null;
  const at = new Date(`${day}T00:00:00`);
  at.setDate(at.getDate() + plusDays);
  return at.toISOString();
}

function summary(event: AuditTrailEventRead, t: (key: MessageKey, params?: Record<string, number>) => string): string {
  // A contact created despite probable duplicates says so first.
  const despite = event.entity_type === "contact" ? createdDespite(event) : 0;
  const fields = Object.keys(event.changes).filter((key) => !despite || key !== POSSIBLE_DUPLICATES);
  if (despite) return [t("history.createdDespite", { count: despite }), fields.join(", ")].filter(Boolean).join(" · ");
  if (fields.length) return fields.join(", ");
  const details = event.details as Record<string, unknown>;
  return ["email", "client_address", "reason", "format", "rows"]
    .filter((key) => details[key] !== undefined && details[key] !== null)
    .map((key) => `${key}: ${String(details[key])}`)
    .join(" · ");
}

export function AuditTrail() {
  const { t, dateTime } = useI18n();
  const { client } = useAuth();
  const [filters, setFilters] = useState({ entity_type: "", action: "", from: "", to: "" });
  const query = {
    entity_type: filters.entity_type || null,
    action: (filters.action || null) as AuditAction | null,
    after: dayStart(filters.from),
    before: dayStart(filters.to, 1),
  };
  const events = useInfiniteQuery({
    queryKey: ["audit-events", query],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => ok(auditEventsList({ client, query: { ...query, limit: PAGE, cursor: pageParam } })),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];
  const set = (name: keyof typeof filters) => (e: { target: { value: string } }) =>
    setFilters((f) => ({ ...f, [name]: e.target.value }));

  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">{t("audit.title")}</h2>
      <div className="filters">
        <Field label={t("audit.kind")}>
          {(props) => (
            <select {...props} value={filters.entity_type} onChange={set("entity_type")}>
              <option value="">{t("audit.any")}</option>
              {KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {entityLabel(kind, t)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("audit.action")}>
          {(props) => (
            <select {...props} value={filters.action} onChange={set("action")}>
              <option value="">{t("audit.any")}</option>
              {ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {t(`audit.action.${action}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("audit.from")}>{(props) => <input {...props} type="date" value={filters.from} onChange={set("from")} />}</Field>
        <Field label={t("audit.to")}>{(props) => <input {...props} type="date" value={filters.to} onChange={set("to")} />}</Field>
      </div>
      {events.isPending ? <Loading /> : null}
      <ErrorMessage error={events.error} />
      {events.isSuccess && rows.length === 0 ? <p className="muted">{t("audit.none")}</p> : null}
      {rows.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("audit.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.kind")}</th>
                <th scope="col">{t("audit.what")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((event) => (
                <tr key={event.id}>
                  <td>{dateTime(event.occurred_at)}</td>
                  <td>{event.actor?.name ?? t("audit.system")}</td>
                  <td>{t(`audit.action.${event.action}` as MessageKey)}</td>
                  <td>{entityLabel(event.entity_type, t)}</td>
                  <td className="small">{summary(event, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore onVisible={() => void events.fetchNextPage()} busy={events.isFetchingNextPage} hasMore={events.hasNextPage} />
    </section>
  );
}
