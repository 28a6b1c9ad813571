// One customer request: its fields, who has it (take it, or hand it to a colleague), the
// status moves the API allows (`allowed_statuses`, in the workflow's order), each applied
// only after a confirmation (resolving asks how), and its status history.
import {
  type RequestRead,
  requestsGet,
  requestsStatusChanges,
  requestsUpdate,
  type RequestStatus,
  type RequestUpdate,
} from "@crm/sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useParams } from "react-router";

import { etagOf, fieldErrors, ok } from "../api";
import { useAuth } from "../auth";
import { Dialog, ErrorMessage, Field, Loading, PageHeader } from "../components/ui";
import { type MessageKey, useI18n } from "../i18n";
import { useRequestAssignees, useUsers } from "../lookups";
import { ContactName } from "./Contacts";

export default function RequestPage() {
  const { id } = useParams();
  const requestId = id!;
  const { t, dateTime } = useI18n();
  const { client, claims, mayChange } = useAuth();
  const users = useUsers();
  const request = useQuery({
    queryKey: ["request", requestId],
    queryFn: () => ok(requestsGet({ client, path: { request_id: requestId } })),
  });
  const change = useRequestChange(requestId);
  const [moving, setMoving] = useState<RequestStatus | null>(null);

  if (request.isLoading) return <Loading />;
  if (request.error || !request.data) return <ErrorMessage error={request.error} />;
  const r = request.data;
  const person = (userId: string | null | undefined) => (userId && userId === claims?.sub ? t("common.me") : users.name(userId));
  const status = (s: RequestStatus) => t(`request.status.${s}` as MessageKey);
  // A display hint: the write level for requests reaches this one, its assignee counting
  // as theirs (the API decides).
  const writable = mayChange("requests", r);

  return (
    <>
      <PageHeader title={r.subject} />
      <p className="subtitle">
        <span className={`badge badge-request-${r.status}`}>{status(r.status)}</span>{" "}
        <span className={`priority priority-${r.priority}`}>{t(`priority.${r.priority}` as MessageKey)}</span>
        {r.overdue ? <span className="badge badge-overdue">{t("requests.overdue")}</span> : null}
      </p>
      <div className="columns">
        <div className="column-main">
          <section className="card" aria-labelledby="request-details-title">
            <h2 id="request-details-title">{t("request.details")}</h2>
            <dl className="details">
              <dt>{t("requests.contact")}</dt>
              <dd>
                <ContactName id={r.contact_id} />
              </dd>
              <dt>{t("requests.channel")}</dt>
              <dd>{t(`channel.${r.channel}` as MessageKey)}</dd>
              <dt>{t("requests.status")}</dt>
              <dd>{status(r.status)}</dd>
              <dt>{t("requests.priority")}</dt>
              <dd>{t(`priority.${r.priority}` as MessageKey)}</dd>
              <dt>{t("requests.dueBy")}</dt>
              <dd>{dateTime(r.due_by)}</dd>
              <dt>{t("requests.assignee")}</dt>
              <dd>{r.assignee_id ? person(r.assignee_id) : t("request.nobody")}</dd>
              <dt>{t("request.registeredBy")}</dt>
              <dd>{person(r.owner_id)}</dd>
              <dt>{t("request.registered")}</dt>
              <dd>{dateTime(r.created_at)}</dd>
              {r.resolved_at ? (
                <div className="details-row">
                  <dt>{t("request.resolvedAt")}</dt>
                  <dd>{dateTime(r.resolved_at)}</dd>
                </div>
              ) : null}
              {r.closed_at ? (
                <div className="details-row">
                  <dt>{t("request.closedAt")}</dt>
                  <dd>{dateTime(r.closed_at)}</dd>
                </div>
              ) : null}
            </dl>
            <h3>{t("requests.description")}</h3>
            <p className="prewrap">{r.description || <span className="muted">—</span>}</p>
            <h3>{t("requests.resolution")}</h3>
            <p className="prewrap">{r.resolution || <span className="muted">—</span>}</p>
          </section>
          <StatusHistory requestId={r.id} version={r.version} />
        </div>
        <aside className="column-side" aria-label={t("request.work")}>
          {writable ? (
            <section className="card" aria-labelledby="request-status-title">
              <h2 id="request-status-title">{t("request.moveTo")}</h2>
              <div className="button-row" role="group" aria-labelledby="request-status-title">
                {r.allowed_statuses.map((s) => (
                  <button key={s} type="button" onClick={() => setMoving(s)}>
                    {status(s)}
                  </button>
                ))}
              </div>
              {moving ? null : <ErrorMessage error={change.error} />}
            </section>
          ) : null}
          {writable ? <Assignment request={r} /> : null}
        </aside>
      </div>
      {moving ? (
        <MoveDialog
          request={r}
          to={moving}
          busy={change.isPending}
          error={change.error}
          onCancel={() => {
            setMoving(null);
            change.reset();
          }}
          onConfirm={(resolution) =>
            change.mutate(
              { request: r, body: resolution === undefined ? { status: moving } : { status: moving, resolution } },
              { onSuccess: () => setMoving(null) },
            )
          }
        />
      ) : null}
    </>
  );
}

/** PATCH the request with If-Match; the page and its history show the answer. */
function useRequestChange(requestId: string) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ request, body }: { request: RequestRead; body: RequestUpdate }) =>
      ok(requestsUpdate({ client, path: { request_id: request.id }, headers: { "if-match": etagOf(request.version) }, body })),
    onSuccess: (updated) => {
      queryClient.setQueryData(["request", requestId], updated);
      void queryClient.invalidateQueries({ queryKey: ["requests"] });
      void queryClient.invalidateQueries({ queryKey: ["timeline", updated.contact_id] });
    },
  });
}

function Assignment({ request }: { request: RequestRead }) {
  const { t } = useI18n();
  const { claims } = useAuth();
  const assignees = useRequestAssignees();
  const id = useId();
  const assign = useRequestChange(request.id);
  const [to, setTo] = useState("");
  // Only whom the API lets me hand it to.
  const colleagues = assignees.filter((u) => u.id !== claims?.sub && u.id !== request.assignee_id);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("requests.assignee")}</h2>
      {request.assignee_id !== claims?.sub ? (
        <p>
          <button type="button" className="primary" disabled={assign.isPending} onClick={() => assign.mutate({ request, body: { assignee_id: claims!.sub } })}>
            {t("request.take")}
          </button>
        </p>
      ) : null}
      {colleagues.length > 0 ? (
        <form
          className="inline-form"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            if (to) assign.mutate({ request, body: { assignee_id: to } }, { onSuccess: () => setTo("") });
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-to`}>{t("request.assignTo")}</label>
            <select id={`${id}-to`} value={to} required onChange={(e) => setTo(e.target.value)}>
              <option value="">—</option>
              {colleagues.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.full_name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={assign.isPending}>
            {t("request.assign")}
          </button>
        </form>
      ) : null}
      <ErrorMessage error={assign.error} />
    </section>
  );
}

function MoveDialog({
  request,
  to,
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  request: RequestRead;
  to: RequestStatus;
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onConfirm: (resolution: string | undefined) => void;
}) {
  const { t } = useI18n();
  const [resolution, setResolution] = useState(request.resolution);
  const errors = fieldErrors(error);
  const resolving = to === "resolved";
  const status = (s: RequestStatus) => t(`request.status.${s}` as MessageKey);
  return (
    <Dialog title={t("request.moveTitle", { subject: request.subject, to: status(to) })} onClose={onCancel}>
      <form
        className="stack"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          onConfirm(resolving ? resolution.trim() : undefined);
        }}
      >
        <p>{t("request.moveHint", { from: status(request.status), to: status(to) })}</p>
        {resolving ? (
          <Field label={t("requests.resolution")} error={errors.resolution}>
            {(props) => <textarea {...props} rows={3} required value={resolution} onChange={(e) => setResolution(e.target.value)} />}
          </Field>
        ) : null}
        {errors.resolution ? null : <ErrorMessage error={error} />}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t("request.confirmMove", { to: status(to) })}
          </button>
          <button type="button" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function StatusHistory({ requestId, version }: { requestId: string; version: number }) {
  const { t, dateTime } = useI18n();
  const { client, claims } = useAuth();
  const users = useUsers();
  const history = useQuery({
    queryKey: ["request", requestId, "history", version],
    queryFn: () => ok(requestsStatusChanges({ client, path: { request_id: requestId } })),
  });
  const status = (s: RequestStatus) => t(`request.status.${s}` as MessageKey);
  return (
    <section className="card" aria-labelledby="request-history-title">
      <h2 id="request-history-title">{t("request.history")}</h2>
      <ErrorMessage error={history.error} />
      {history.isLoading ? <Loading /> : null}
      <ol className="history">
        {history.data?.items.map((c) => (
          <li key={`${c.at}-${c.to_status}`} className="history-item">
            <time dateTime={c.at}>{dateTime(c.at)}</time>
            <span className="timeline-kind">{c.from_status ? t("request.moved", { from: status(c.from_status), to: status(c.to_status) }) : t("request.registeredAs", { to: status(c.to_status) })}</span>
            {c.by ? <span className="muted small">{t("timeline.by", { name: c.by === claims?.sub ? t("common.me") : users.name(c.by) })}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
