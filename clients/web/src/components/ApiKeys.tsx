// API keys for integrations (users:manage): the list, a new key with a role the API would
// let this user grant, changes to a key's name, role, expiry and rate limit (If-Match), and revoking
// one after a confirmation. A new key's secret is in the answer to its creation only: it
// is shown once, in a box with a copy button, and closing the box drops it from the page's
// state (the mutation holding it is reset and not kept in the cache). Every rule is the
// API's (domain/access/api_keys.py); the controls shown are hints.
import { type ApiKeyCreated, type ApiKeyRead, apiKeysCreate, apiKeysList, apiKeysRevoke, apiKeysUpdate, type ApiKeyUpdate, type RoleRead, type RoleSummary } from "@crm/sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { mayManageKey } from "../access";
import { ApiError, etagOf, type FieldProblem, fieldErrors, ok } from "../api";
import { useAuth } from "../auth";
import { type MessageKey, useI18n } from "../i18n";
import { roleName } from "../labels";
import { useGrantableRoles, useTeams } from "../lookups";
import { localInput, moment, SecretBox } from "./SecretBox";
import { Dialog, ErrorMessage, Field, Loading, SaveProblem } from "./ui";

const KEYS = ["api-keys"];

export function ApiKeys() {
  const { t, dateTime } = useI18n();
  const { client, claims } = useAuth();
  const keys = useQuery({ queryKey: KEYS, queryFn: () => ok(apiKeysList({ client, query: { limit: 200 } })) });
  const grantable = useGrantableRoles();
  const [editing, setEditing] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyRead | null>(null);
  const edited = keys.data?.items.find((k) => k.id === editing && k.status !== "revoked");
  const queryClient = useQueryClient();
  const reload = () => void queryClient.invalidateQueries({ queryKey: KEYS });

  return (
    <>
      <section className="card" aria-labelledby="api-keys-title">
        <h2 id="api-keys-title">{t("admin.apiKeys")}</h2>
        <p className="muted">{t("apiKeys.intro")}</p>
        {keys.isLoading ? <Loading /> : null}
        <ErrorMessage error={keys.error} />
        {keys.data && keys.data.items.length === 0 ? <p className="muted">{t("apiKeys.none")}</p> : null}
        {keys.data?.items.length ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t("admin.apiKeys")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("apiKeys.name")}</th>
                  <th scope="col">{t("apiKeys.prefix")}</th>
                  <th scope="col">{t("admin.role")}</th>
                  <th scope="col">{t("apiKeys.status")}</th>
                  <th scope="col">{t("apiKeys.lastUsed")}</th>
                  <th scope="col">{t("apiKeys.expires")}</th>
                  <th scope="col">{t("apiKeys.rate")}</th>
                  <th scope="col">{t("admin.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {keys.data.items.map((k) => (
                  <tr key={k.id}>
                    <th scope="row">{k.name}</th>
                    <td>
                      <code>{k.key_prefix}</code>
                    </td>
                    <td>{roleName(k.role, t)}</td>
                    <td>
                      <span className={`badge badge-key-${k.status}`}>{t(`apiKeys.status.${k.status}` as MessageKey)}</span>
                    </td>
                    <td>
                      {k.last_used_at
                        ? k.last_used_address
                          ? t("apiKeys.lastUsedFrom", { when: dateTime(k.last_used_at), address: k.last_used_address })
                          : dateTime(k.last_used_at)
                        : t("apiKeys.neverUsed")}
                    </td>
                    <td>{k.expires_at ? dateTime(k.expires_at) : t("apiKeys.never")}</td>
                    <td>{k.requests_per_minute ?? t("apiKeys.rateDefault")}</td>
                    <td>
                      {k.status !== "revoked" && mayManageKey(k, claims) ? (
                        <>
                          <button type="button" aria-label={t("admin.editing", { name: k.name })} onClick={() => setEditing(k.id)}>
                            {t("common.edit")}
                          </button>{" "}
                          <button type="button" aria-label={t("apiKeys.revokeNamed", { name: k.name })} onClick={() => setRevoking(k)}>
                            {t("apiKeys.revoke")}
                          </button>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {edited ? <KeyEditor key={`${edited.id}:${edited.version}`} apiKey={edited} grantable={grantable} onClose={() => setEditing(null)} onReload={reload} /> : null}
      {revoking ? <RevokeKey apiKey={revoking} onClose={() => setRevoking(null)} onReload={reload} /> : null}
      <NewKey grantable={grantable} />
    </>
  );
}

/** The form for a new key; its answer's secret shows in `SecretBox` until closed. */
function NewKey({ grantable }: { grantable: RoleRead[] }) {
  const { t } = useI18n();
  const { client, claims } = useAuth();
  const queryClient = useQueryClient();
  const teams = useTeams();
  const empty = { name: "", role_id: "", team_id: claims?.team ?? "", expires_at: "", requests_per_minute: "" };
  const [draft, setDraft] = useState(empty);
  // The answer with the secret, until the box is closed.
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const create = useMutation({
    // The mutation holds the answer too: dropped from the cache once reset.
    gcTime: 0,
    mutationFn: () =>
      ok(
        apiKeysCreate({
          client,
          body: {
            name: draft.name.trim(),
            role_id: draft.role_id || grantable[0]?.id || "",
            team_id: draft.team_id || null,
            expires_at: moment(draft.expires_at),
            requests_per_minute: perMinute(draft.requests_per_minute),
          },
        }),
      ),
    onSuccess: (answer) => {
      setCreated(answer);
      setDraft(empty);
      void queryClient.invalidateQueries({ queryKey: KEYS });
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
          title={t("apiKeys.secretTitle", { name: created.name })}
          label={t("apiKeys.secretLabel")}
          secret={created.key}
          warning={t("apiKeys.secretWarning")}
          copyFailed={t("apiKeys.copyFailed")}
          onClose={close}
        />
      ) : null}
      <section className="card" aria-labelledby="api-key-new-title">
        <h2 id="api-key-new-title">{t("apiKeys.new")}</h2>
        <form
          className="form-grid"
          aria-labelledby="api-key-new-title"
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Field label={t("apiKeys.name")} error={errors.name}>
            {(props) => <input {...props} value={draft.name} onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))} />}
          </Field>
          <Field label={t("admin.role")} error={errors.role_id} hint={t("admin.rankHint")}>
            {(props) => (
              <select {...props} value={draft.role_id || grantable[0]?.id || ""} onChange={(e) => setDraft((d) => ({ ...d, role_id: e.target.value }))}>
                {grantable.map((r) => (
                  <option key={r.id} value={r.id}>
                    {roleName(r, t)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("admin.team")} error={errors.team_id} hint={t("apiKeys.teamHint")}>
            {(props) => (
              <select {...props} value={draft.team_id} onChange={(e) => setDraft((d) => ({ ...d, team_id: e.target.value }))}>
                <option value="">{t("admin.noTeam")}</option>
                {(teams.data?.items ?? []).map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("apiKeys.expires")} error={errors.expires_at} hint={t("apiKeys.expiresHint")}>
            {(props) => (
              <input {...props} type="datetime-local" value={draft.expires_at} onChange={(e) => setDraft((d) => ({ ...d, expires_at: e.target.value }))} />
            )}
          </Field>
          <RateField error={errors.requests_per_minute} value={draft.requests_per_minute} onChange={(v) => setDraft((d) => ({ ...d, requests_per_minute: v }))} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={create.isPending || grantable.length === 0}>
              {t("common.create")}
            </button>
          </div>
        </form>
        <SaveProblem error={create.error} />
      </section>
    </>
  );
}

/** A key's name, role and expiry; only what changed is sent, with If-Match. Remounted (by
 * key) when a reload brings a newer version. */
function KeyEditor({ apiKey, grantable, onClose, onReload }: { apiKey: ApiKeyRead; grantable: RoleRead[]; onClose: () => void; onReload: () => void }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const initial = {
    name: apiKey.name,
    role_id: apiKey.role.id,
    expires_at: localInput(apiKey.expires_at),
    requests_per_minute: apiKey.requests_per_minute == null ? "" : String(apiKey.requests_per_minute),
  };
  const [draft, setDraft] = useState(initial);
  const save = useMutation({
    mutationFn: () => {
      const body: ApiKeyUpdate = {};
      if (draft.name !== initial.name) body.name = draft.name.trim();
      if (draft.role_id !== initial.role_id) body.role_id = draft.role_id;
      if (draft.expires_at !== initial.expires_at) body.expires_at = moment(draft.expires_at);
      if (draft.requests_per_minute !== initial.requests_per_minute) body.requests_per_minute = perMinute(draft.requests_per_minute);
      return ok(apiKeysUpdate({ client, path: { key_id: apiKey.id }, headers: { "if-match": etagOf(apiKey.version) }, body }));
    },
    onSuccess: () => {
      onClose();
      void queryClient.invalidateQueries({ queryKey: KEYS });
    },
  });
  const errors = fieldErrors(save.error);
  // The current role stays selectable even when the caller could not grant it now.
  const roles: RoleSummary[] = grantable.some((r) => r.id === apiKey.role.id) ? grantable : [apiKey.role, ...grantable];
  const reload = () => {
    save.reset();
    onReload();
  };
  return (
    <section className="card" aria-labelledby="api-key-edit-title">
      <h2 id="api-key-edit-title">{t("admin.editing", { name: apiKey.name })}</h2>
      <KeyProblem error={save.error} onReload={reload} />
      <form
        className="form-grid"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Field label={t("apiKeys.name")} error={errors.name}>
          {(props) => <input {...props} value={draft.name} onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))} />}
        </Field>
        <Field label={t("admin.role")} error={errors.role_id} hint={t("admin.rankHint")}>
          {(props) => (
            <select {...props} value={draft.role_id} onChange={(e) => setDraft((d) => ({ ...d, role_id: e.target.value }))}>
              {roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {roleName(r, t)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("apiKeys.expires")} error={errors.expires_at} hint={t("apiKeys.expiresHint")}>
          {(props) => (
            <input {...props} type="datetime-local" value={draft.expires_at} onChange={(e) => setDraft((d) => ({ ...d, expires_at: e.target.value }))} />
          )}
        </Field>
        <RateField error={errors.requests_per_minute} value={draft.requests_per_minute} onChange={(v) => setDraft((d) => ({ ...d, requests_per_minute: v }))} />
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

/** The box as typed to the body's value: empty is the server's default (null); what is
 * not a number goes as typed, for the API to refuse at the field. */
function perMinute(typed: string): number | null {
  const trimmed = typed.trim();
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : (trimmed as unknown as number);
}

/** A key's own rate limit, in requests a minute; empty for the server's default. */
function RateField({ error, value, onChange }: { error?: FieldProblem; value: string; onChange: (value: string) => void }) {
  const { t } = useI18n();
  return (
    <Field label={t("apiKeys.rate")} error={error} hint={t("apiKeys.rateHint")}>
      {(props) => <input {...props} type="number" inputMode="numeric" min={1} step={1} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** Revokes a key after the user confirms; a revoked key stays listed as revoked. */
function RevokeKey({ apiKey, onClose, onReload }: { apiKey: ApiKeyRead; onClose: () => void; onReload: () => void }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => ok(apiKeysRevoke({ client, path: { key_id: apiKey.id }, headers: { "if-match": etagOf(apiKey.version) } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: KEYS });
      onClose();
    },
  });
  return (
    <Dialog title={t("apiKeys.revokeTitle")} onClose={onClose}>
      <p>{t("apiKeys.revokeConfirm", { name: apiKey.name, prefix: apiKey.key_prefix })}</p>
      <SaveProblem
        error={revoke.error}
        onReload={() => {
          onReload();
          onClose();
        }}
      />
      <div className="form-actions">
        <button type="button" className="danger" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
          {t("apiKeys.revoke")}
        </button>
        <button type="button" onClick={onClose}>
          {t("common.cancel")}
        </button>
      </div>
    </Dialog>
  );
}

/** Why a change failed: a key revoked meanwhile (409) says so and offers a reload; the
 * rest as every form shows it (412 with a reload, field errors at their fields). */
function KeyProblem({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useI18n();
  if (error instanceof ApiError && error.status === 409) {
    return (
      <div className="notice" role="alert">
        <p>{t("apiKeys.revokedConflict")}</p>
        <button type="button" onClick={onReload}>
          {t("common.reload")}
        </button>
      </div>
    );
  }
  return <SaveProblem error={error} onReload={onReload} />;
}
