// Webhooks (settings:manage): the caller's own subscriptions (the API shows each only to
// its creator), a new one with its signing secret shown once (the same SecretBox as API
// keys: closing it drops the secret from the page's state), changes to its URL, event types
// and on/off with If-Match, deleting one after a confirmation, and its delivery log with
// redelivery of one delivery or of every one since a time. Which URLs and event types are
// allowed is the API's rule (domain/integrations/webhooks.py); its field errors show at
// their fields, translated by code.
import {
  type WebhookCreated,
  type WebhookDeliveryRead,
  type WebhookRead,
  webhooksCreate,
  webhooksDelete,
  webhooksDeliveriesList,
  webhooksDeliveriesRedeliver,
  webhooksList,
  webhooksRedeliver,
  webhooksUpdate,
  type WebhookUpdate,
} from "@crm/sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { etagOf, fieldErrors, ok } from "../api";
import { useAuth } from "../auth";
import { type MessageKey, useI18n } from "../i18n";
import { moment, SecretBox } from "./SecretBox";
import { Dialog, ErrorMessage, Field, Loading, SaveProblem } from "./ui";

const HOOKS = ["webhooks"];

/** The patterns typed one per line (or separated by commas), without blanks. */
function patterns(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export function Webhooks() {
  const { t, dateTime } = useI18n();
  const { client } = useAuth();
  const hooks = useQuery({ queryKey: HOOKS, queryFn: () => ok(webhooksList({ client, query: { limit: 200 } })) });
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<WebhookRead | null>(null);
  const [watching, setWatching] = useState<string | null>(null);
  const edited = hooks.data?.items.find((w) => w.id === editing);
  const watched = hooks.data?.items.find((w) => w.id === watching);
  const queryClient = useQueryClient();
  const reload = () => void queryClient.invalidateQueries({ queryKey: HOOKS });

  return (
    <>
      <section className="card" aria-labelledby="webhooks-title">
        <h2 id="webhooks-title">{t("admin.webhooks")}</h2>
        <p className="muted">{t("webhooks.intro")}</p>
        {hooks.isLoading ? <Loading /> : null}
        <ErrorMessage error={hooks.error} />
        {hooks.data && hooks.data.items.length === 0 ? <p className="muted">{t("webhooks.none")}</p> : null}
        {hooks.data?.items.length ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t("admin.webhooks")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("webhooks.url")}</th>
                  <th scope="col">{t("webhooks.eventTypes")}</th>
                  <th scope="col">{t("webhooks.status")}</th>
                  <th scope="col">{t("webhooks.created")}</th>
                  <th scope="col">{t("admin.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {hooks.data.items.map((w) => (
                  <tr key={w.id}>
                    <th scope="row" className="break">
                      {w.url}
                    </th>
                    <td>
                      {w.event_types.map((type, i) => (
                        <span key={type}>
                          {i > 0 ? ", " : null}
                          <code>{type}</code>
                        </span>
                      ))}
                    </td>
                    <td>
                      <span className={`badge badge-key-${w.active ? "active" : "revoked"}`}>
                        {w.active ? t("webhooks.active") : t("webhooks.off")}
                      </span>
                      {!w.active && w.disabled_reason ? <small className="muted block">{w.disabled_reason}</small> : null}
                    </td>
                    <td>{dateTime(w.created_at)}</td>
                    <td>
                      <button type="button" aria-label={t("webhooks.deliveriesOf", { url: w.url })} aria-pressed={watching === w.id} onClick={() => setWatching(w.id)}>
                        {t("webhooks.deliveries")}
                      </button>{" "}
                      <button type="button" aria-label={t("admin.editing", { name: w.url })} onClick={() => setEditing(w.id)}>
                        {t("common.edit")}
                      </button>{" "}
                      <button type="button" aria-label={t("webhooks.deleteNamed", { url: w.url })} onClick={() => setDeleting(w)}>
                        {t("webhooks.delete")}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {edited ? <WebhookEditor key={`${edited.id}:${edited.version}`} webhook={edited} onClose={() => setEditing(null)} onReload={reload} /> : null}
      {deleting ? <DeleteWebhook webhook={deleting} onClose={() => setDeleting(null)} onReload={reload} /> : null}
      {watched ? <Deliveries key={watched.id} webhook={watched} onClose={() => setWatching(null)} /> : null}
      <NewWebhook />
    </>
  );
}

/** The event types' input: one pattern per line, with the hint naming the entities. */
function EventTypesField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error: ReturnType<typeof fieldErrors>[string] | undefined }) {
  const { t } = useI18n();
  return (
    <Field label={t("webhooks.eventTypes")} error={error} hint={t("webhooks.eventTypesHint")}>
      {(props) => <textarea {...props} rows={3} spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

function ActiveField({ checked, onChange, hint }: { checked: boolean; onChange: (checked: boolean) => void; hint?: string }) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label>
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {t("webhooks.activeLabel")}
      </label>
      {hint ? <small className="muted">{hint}</small> : null}
    </div>
  );
}

/** The form for a new webhook; its answer's secret shows in `SecretBox` until closed. */
function NewWebhook() {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const empty = { url: "", event_types: "*", active: true };
  const [draft, setDraft] = useState(empty);
  // The answer with the secret, until the box is closed.
  const [created, setCreated] = useState<WebhookCreated | null>(null);
  const create = useMutation({
    // The mutation holds the answer too: dropped from the cache once reset.
    gcTime: 0,
    mutationFn: () => ok(webhooksCreate({ client, body: { url: draft.url.trim(), event_types: patterns(draft.event_types), active: draft.active } })),
    onSuccess: (answer) => {
      setCreated(answer);
      setDraft(empty);
      void queryClient.invalidateQueries({ queryKey: HOOKS });
    },
  });
  const errors = fieldErrors(create.error);
  const close = () => {
    setCreated(null);
    create.reset();
  };
  return (
    <>
      {created ? (
        <SecretBox
          key={created.id}
          title={t("webhooks.secretTitle", { url: created.url })}
          label={t("webhooks.secretLabel")}
          secret={created.secret}
          warning={t("webhooks.secretWarning")}
          copyFailed={t("webhooks.copyFailed")}
          onClose={close}
        />
      ) : null}
      <section className="card" aria-labelledby="webhook-new-title">
        <h2 id="webhook-new-title">{t("webhooks.new")}</h2>
        <form
          className="form-grid"
          aria-labelledby="webhook-new-title"
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Field label={t("webhooks.url")} error={errors.url} hint={t("webhooks.urlHint")}>
            {(props) => (
              <input {...props} type="url" inputMode="url" placeholder="https://" value={draft.url} onChange={(e) => setDraft((d) => ({ ...d, url: e.target.value }))} />
            )}
          </Field>
          <EventTypesField value={draft.event_types} error={errors.event_types} onChange={(value) => setDraft((d) => ({ ...d, event_types: value }))} />
          <ActiveField checked={draft.active} onChange={(active) => setDraft((d) => ({ ...d, active }))} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={create.isPending}>
              {t("common.create")}
            </button>
          </div>
        </form>
        <SaveProblem error={create.error} />
      </section>
    </>
  );
}

/** A webhook's URL, event types and on/off; only what changed is sent, with If-Match.
 * Remounted (by key) when a reload brings a newer version. */
function WebhookEditor({ webhook, onClose, onReload }: { webhook: WebhookRead; onClose: () => void; onReload: () => void }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const initial = { url: webhook.url, event_types: webhook.event_types.join("\n"), active: webhook.active };
  const [draft, setDraft] = useState(initial);
  const save = useMutation({
    mutationFn: () => {
      const body: WebhookUpdate = {};
      if (draft.url.trim() !== initial.url) body.url = draft.url.trim();
      const types = patterns(draft.event_types);
      if (types.join("\n") !== webhook.event_types.join("\n")) body.event_types = types;
      if (draft.active !== initial.active) body.active = draft.active;
      return ok(webhooksUpdate({ client, path: { webhook_id: webhook.id }, headers: { "if-match": etagOf(webhook.version) }, body }));
    },
    onSuccess: () => {
      onClose();
      void queryClient.invalidateQueries({ queryKey: HOOKS });
    },
  });
  const errors = fieldErrors(save.error);
  const reload = () => {
    save.reset();
    onReload();
  };
  return (
    <section className="card" aria-labelledby="webhook-edit-title">
      <h2 id="webhook-edit-title">{t("admin.editing", { name: webhook.url })}</h2>
      <SaveProblem error={save.error} onReload={reload} />
      <form
        className="form-grid"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Field label={t("webhooks.url")} error={errors.url} hint={t("webhooks.urlHint")}>
          {(props) => <input {...props} type="url" inputMode="url" value={draft.url} onChange={(e) => setDraft((d) => ({ ...d, url: e.target.value }))} />}
        </Field>
        <EventTypesField value={draft.event_types} error={errors.event_types} onChange={(value) => setDraft((d) => ({ ...d, event_types: value }))} />
        <ActiveField
          checked={draft.active}
          onChange={(active) => setDraft((d) => ({ ...d, active }))}
          hint={webhook.active ? undefined : t("webhooks.reactivateHint")}
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t("common.save")}
          </button>
          <button type="button" onClick={onClose}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Deletes a webhook (and its delivery log) after the user confirms, with If-Match. */
function DeleteWebhook({ webhook, onClose, onReload }: { webhook: WebhookRead; onClose: () => void; onReload: () => void }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => ok(webhooksDelete({ client, path: { webhook_id: webhook.id }, headers: { "if-match": etagOf(webhook.version) } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: HOOKS });
      onClose();
    },
  });
  return (
    <Dialog title={t("webhooks.deleteTitle")} onClose={onClose}>
      <p>{t("webhooks.deleteConfirm", { url: webhook.url })}</p>
      <SaveProblem
        error={remove.error}
        onReload={() => {
          onReload();
          onClose();
        }}
      />
      <div className="form-actions">
        <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
          {t("webhooks.delete")}
        </button>
        <button type="button" onClick={onClose}>
          {t("common.cancel")}
        </button>
      </div>
    </Dialog>
  );
}

/** A webhook's delivery log, newest first, with redelivery of one or of all since a time. */
function Deliveries({ webhook, onClose }: { webhook: WebhookRead; onClose: () => void }) {
  const { t, dateTime, number } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const key = [...HOOKS, webhook.id, "deliveries"];
  const deliveries = useQuery({
    queryKey: key,
    queryFn: () => ok(webhooksDeliveriesList({ client, path: { webhook_id: webhook.id }, query: { limit: 100 } })),
  });
  const [since, setSince] = useState("");
  const [notice, setNotice] = useState("");
  const one = useMutation({
    mutationFn: (d: WebhookDeliveryRead) => ok(webhooksDeliveriesRedeliver({ client, path: { webhook_id: webhook.id, delivery_id: d.id } })),
    onSuccess: (d) => {
      setNotice(t("webhooks.redeliveredOne", { type: d.event_type }));
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const all = useMutation({
    mutationFn: () => ok(webhooksRedeliver({ client, path: { webhook_id: webhook.id }, body: { since: moment(since) ?? "" } })),
    onSuccess: (answer) => {
      setNotice(t("webhooks.redeliveredSince", { count: answer.deliveries }));
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const sinceErrors = fieldErrors(all.error);
  return (
    <section className="card" aria-labelledby="webhook-deliveries-title">
      <h2 id="webhook-deliveries-title">{t("webhooks.deliveriesOf", { url: webhook.url })}</h2>
      {deliveries.isLoading ? <Loading /> : null}
      <ErrorMessage error={deliveries.error} />
      <p role="status" className="success">
        {notice}
      </p>
      <SaveProblem error={one.error} />
      {deliveries.data && deliveries.data.items.length === 0 ? <p className="muted">{t("webhooks.noDeliveries")}</p> : null}
      {deliveries.data?.items.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("webhooks.deliveries")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("webhooks.time")}</th>
                <th scope="col">{t("webhooks.eventType")}</th>
                <th scope="col">{t("webhooks.status")}</th>
                <th scope="col">{t("webhooks.httpStatus")}</th>
                <th scope="col">{t("webhooks.duration")}</th>
                <th scope="col">{t("webhooks.response")}</th>
                <th scope="col">{t("webhooks.attempts")}</th>
                <th scope="col">{t("webhooks.nextAttempt")}</th>
                <th scope="col">{t("admin.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.items.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{dateTime(d.created_at)}</th>
                  <td>
                    <code>{d.event_type}</code>
                  </td>
                  <td>
                    <span className={`badge badge-delivery-${d.status}`}>{t(`webhooks.delivery.${d.status}` as MessageKey)}</span>
                  </td>
                  <td>{d.last_status_code ?? "—"}</td>
                  <td>{d.last_duration_ms === null ? "—" : t("webhooks.ms", { ms: number(d.last_duration_ms) })}</td>
                  <td className="break">{d.last_error ? <span className="error">{d.last_error}</span> : d.last_response ? <code>{d.last_response}</code> : "—"}</td>
                  <td>{number(d.attempts)}</td>
                  <td>{d.next_attempt_at && d.status === "pending" ? dateTime(d.next_attempt_at) : "—"}</td>
                  <td>
                    <button
                      type="button"
                      aria-label={t("webhooks.redeliverNamed", { type: d.event_type, when: dateTime(d.created_at) })}
                      disabled={one.isPending}
                      onClick={() => one.mutate(d)}
                    >
                      {t("webhooks.redeliver")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h3 id="webhook-redeliver-title">{t("webhooks.redeliverSince")}</h3>
      <form
        className="form-grid"
        aria-labelledby="webhook-redeliver-title"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          all.mutate();
        }}
      >
        <Field label={t("webhooks.since")} error={sinceErrors.since} hint={t("webhooks.sinceHint")}>
          {(props) => <input {...props} type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={all.isPending || !since}>
            {t("webhooks.redeliver")}
          </button>
          <button type="button" onClick={onClose}>
            {t("webhooks.closeDeliveries")}
          </button>
        </div>
      </form>
      <SaveProblem error={all.error} />
    </section>
  );
}
