// Administration, shown per permission: users, teams with their members and API keys
// (users:manage), webhooks, interaction outcomes and request response times
// (settings:manage), roles (roles:manage), custom fields (custom_fields:manage), pipelines
// and stages (pipelines:manage), automation rules (automation:manage). Only roles the API
// would let this user grant are offered (rank below theirs, no permission they lack, no
// access level wider than theirs); the API checks it again. Edits send If-Match from the
// record's version; a 412 offers a reload, as the contact form does.
import {
  customFieldsCreate,
  customFieldsList,
  type CustomEntity,
  type CustomFieldRead,
  type FieldType,
  pipelinesAddStage,
  pipelinesDeleteStage,
  pipelinesUpdateStage,
  type PipelineRead,
  type RoleRead,
  type Permission,
  rolesCreate,
  rolesList,
  rolesUpdate,
  type RoleUpdate,
  type StageKind,
  type StageRead,
  teamsCreate,
  usersCreate,
  usersList,
  type UserRead,
  usersUpdate,
  type UserUpdate,
} from "@crm/sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";

import { copyAccess, grantsOf, mayGrant, sameAccess } from "../access";
import { etagOf, fieldErrors, ok } from "../api";
import { useAuth } from "../auth";
import { AccessGrid, AccessSummary } from "../components/AccessGrid";
import { ApiKeys } from "../components/ApiKeys";
import { AuditTrail } from "../components/AuditTrail";
import { AutomationRules } from "../components/AutomationRules";
import { CheckAccess } from "../components/CheckAccess";
import { LeadRotation } from "../components/LeadRotation";
import { NewPipeline, PipelineActions } from "../components/PipelineAdmin";
import { TeamMembers } from "../components/TeamMembers";
import { Webhooks } from "../components/Webhooks";
import { WorkflowSettings } from "../components/WorkflowSettings";
import { DeleteCustomField, EditCustomField } from "../components/CustomFieldAdmin";
import { ErrorMessage, Field, fieldErrorText, Loading, PageHeader, SaveProblem } from "../components/ui";
import { type MessageKey, useI18n } from "../i18n";
import { entityLabel, fieldTypeLabel, permissionLabel, roleName } from "../labels";
import { useGrantableRoles, usePipelines, useTeams } from "../lookups";
import { noAccess } from "../session";

export { mayGrant };

type Tab = "users" | "teams" | "keys" | "hooks" | "workflow" | "roles" | "fields" | "pipelines" | "automation" | "audit";

export default function AdminPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const tabs: Array<[Tab, MessageKey, boolean]> = [
    ["users", "admin.users", can("users:manage")],
    ["teams", "admin.teams", can("users:manage")],
    ["keys", "admin.apiKeys", can("users:manage")],
    ["hooks", "admin.webhooks", can("settings:manage")],
    ["workflow", "admin.workflow", can("settings:manage")],
    ["roles", "admin.roles", can("roles:manage")],
    ["fields", "admin.fields", can("custom_fields:manage")],
    ["pipelines", "admin.pipelines", can("pipelines:manage")],
    ["automation", "automation.title", can("automation:manage")],
    ["audit", "audit.title", can("audit:read")],
  ];
  const shown = tabs.filter(([, , allowed]) => allowed);
  const [tab, setTab] = useState<Tab | undefined>(shown[0]?.[0]);
  const current = shown.find(([key]) => key === tab)?.[0] ?? shown[0]?.[0];

  return (
    <>
      <PageHeader title={t("nav.admin")} />
      {shown.length === 0 ? <p>{t("common.forbidden")}</p> : null}
      <div className="tabs" role="group" aria-label={t("nav.admin")}>
        {shown.map(([key, label]) => (
          <button key={key} type="button" aria-pressed={current === key} onClick={() => setTab(key)}>
            {t(label)}
          </button>
        ))}
      </div>
      {current === "users" ? <Users /> : null}
      {current === "teams" ? <Teams /> : null}
      {current === "keys" ? <ApiKeys /> : null}
      {current === "hooks" ? <Webhooks /> : null}
      {current === "workflow" ? <WorkflowSettings /> : null}
      {current === "roles" ? <Roles /> : null}
      {current === "fields" ? <CustomFields /> : null}
      {current === "pipelines" ? <Pipelines /> : null}
      {current === "automation" ? <AutomationRules /> : null}
      {current === "audit" ? <AuditTrail /> : null}
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `section-${title.replace(/\W+/g, "-")}`;
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}


function Users() {
  const { t } = useI18n();
  const { client, claims } = useAuth();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ["users", "admin"], queryFn: () => ok(usersList({ client, query: { limit: 200 } })) });
  const teams = useTeams();
  const grantable = useGrantableRoles();
  const teamName = new Map((teams.data?.items ?? []).map((team) => [team.id, team.name]));
  const [editing, setEditing] = useState<string | null>(null);
  const edited = users.data?.items.find((u) => u.id === editing);
  const [checking, setChecking] = useState<UserRead | null>(null);
  const reloadUsers = () => void queryClient.invalidateQueries({ queryKey: ["users"] });
  const toggle = useMutation({
    mutationFn: (u: UserRead) =>
      ok(usersUpdate({ client, path: { user_id: u.id }, headers: { "if-match": etagOf(u.version) }, body: { is_active: !u.is_active } })),
    onSuccess: reloadUsers,
  });
  const [draft, setDraft] = useState({ email: "", full_name: "", password: "", role_id: "", team_id: claims?.team ?? "" });
  const create = useMutation({
    mutationFn: () =>
      ok(
        usersCreate({
          client,
          body: { ...draft, role_id: draft.role_id || grantable[0]?.id || "", team_id: draft.team_id || null },
        }),
      ),
    onSuccess: () => {
      setDraft((d) => ({ ...d, email: "", full_name: "", password: "" }));
      void queryClient.invalidateQueries({ queryKey: ["users"] });
    },
  });
  const errors = fieldErrors(create.error);
  const input = (name: "email" | "full_name" | "password", label: MessageKey, type = "text") => (
    <Field label={t(label)} error={errors[name]}>
      {(props) => <input {...props} type={type} value={draft[name]} onChange={(e) => setDraft((d) => ({ ...d, [name]: e.target.value }))} />}
    </Field>
  );

  return (
    <>
      <Section title={t("admin.users")}>
        {users.isLoading ? <Loading /> : null}
        <ErrorMessage error={users.error} />
        {users.data ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("admin.fullName")}</th>
                  <th scope="col">{t("contacts.email")}</th>
                  <th scope="col">{t("admin.role")}</th>
                  <th scope="col">{t("admin.team")}</th>
                  <th scope="col">{t("admin.active")}</th>
                  <th scope="col">{t("admin.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">{u.full_name}</th>
                    <td>{u.email}</td>
                    <td>{roleName(u.role, t)}</td>
                    <td>{u.team_id ? (teamName.get(u.team_id) ?? "—") : t("admin.noTeam")}</td>
                    <td>{u.is_active ? t("admin.active") : t("admin.inactive")}</td>
                    <td>
                      <button type="button" aria-label={t("admin.editing", { name: u.full_name })} onClick={() => setEditing(u.id)}>
                        {t("common.edit")}
                      </button>{" "}
                      <button type="button" aria-label={t("explain.openFor", { name: u.full_name })} onClick={() => setChecking(u)}>
                        {t("explain.open")}
                      </button>{" "}
                      {u.id === claims?.sub ? null : (
                        <button
                          type="button"
                          title={u.is_active ? t("admin.deactivateHint") : undefined}
                          disabled={toggle.isPending}
                          onClick={() => toggle.mutate(u)}
                        >
                          {u.is_active ? t("admin.deactivate") : t("admin.reactivate")}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <SaveProblem
          error={toggle.error}
          onReload={() => {
            toggle.reset();
            reloadUsers();
          }}
        />
      </Section>
      {edited ? (
        <UserEditor key={`${edited.id}:${edited.version}`} user={edited} grantable={grantable} onClose={() => setEditing(null)} onReload={reloadUsers} />
      ) : null}
      {checking ? <CheckAccess user={checking} onClose={() => setChecking(null)} /> : null}
      <Section title={t("admin.newUser")}>
        <form
          className="form-grid"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          {input("full_name", "admin.fullName")}
          {input("email", "contacts.email", "email")}
          {input("password", "admin.password", "password")}
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
          <Field label={t("admin.team")} error={errors.team_id}>
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
          <div className="form-actions">
            <button type="submit" className="primary" disabled={create.isPending || grantable.length === 0}>
              {t("common.create")}
            </button>
            {create.isSuccess ? (
              <span className="success" role="status">
                {t("common.created")}
              </span>
            ) : null}
          </div>
        </form>
        {Object.keys(errors).length === 0 ? <ErrorMessage error={create.error} /> : null}
      </Section>
    </>
  );
}

/** Name, role and team of one user; only what changed is sent. Remounted (by key) when a
 * reload brings a newer version, so the form then shows what the other person saved. */
function UserEditor({
  user,
  grantable,
  onClose,
  onReload,
}: {
  user: UserRead;
  grantable: RoleRead[];
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const teams = useTeams();
  const initial = { full_name: user.full_name, role_id: user.role.id, team_id: user.team_id ?? "" };
  const [draft, setDraft] = useState(initial);
  const save = useMutation({
    mutationFn: () => {
      const body: UserUpdate = {};
      if (draft.full_name !== initial.full_name) body.full_name = draft.full_name.trim();
      if (draft.role_id !== initial.role_id) body.role_id = draft.role_id;
      if (draft.team_id !== initial.team_id) body.team_id = draft.team_id || null;
      return ok(usersUpdate({ client, path: { user_id: user.id }, headers: { "if-match": etagOf(user.version) }, body }));
    },
    onSuccess: () => {
      onClose();
      void queryClient.invalidateQueries({ queryKey: ["users"] });
    },
  });
  const errors = fieldErrors(save.error);
  // The current role stays selectable even when the caller could not grant it now.
  const roles = grantable.some((r) => r.id === user.role.id) ? grantable : [user.role, ...grantable];
  return (
    <Section title={t("admin.editing", { name: user.full_name })}>
      <SaveProblem
        error={save.error}
        onReload={() => {
          save.reset();
          onReload();
        }}
      />
      <form
        className="form-grid"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Field label={t("admin.fullName")} error={errors.full_name}>
          {(props) => <input {...props} value={draft.full_name} onChange={(e) => setDraft((d) => ({ ...d, full_name: e.target.value }))} />}
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
        <Field label={t("admin.team")} error={errors.team_id}>
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
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t("common.save")}
          </button>
          <button type="button" onClick={onClose}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </Section>
  );
}

function Teams() {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const teams = useTeams();
  const users = useQuery({ queryKey: ["users", "admin"], queryFn: () => ok(usersList({ client, query: { limit: 200 } })) });
  const [name, setName] = useState("");
  const create = useMutation({
    mutationFn: () => ok(teamsCreate({ client, body: { name: name.trim() } })),
    onSuccess: () => {
      setName("");
      void queryClient.invalidateQueries({ queryKey: ["teams"] });
    },
  });
  const errors = fieldErrors(create.error);
  return (
    <Section title={t("admin.teams")}>
      <ul className="plain">
        {(teams.data?.items ?? []).map((team) => (
          <li key={team.id}>{team.name}</li>
        ))}
      </ul>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Field label={t("admin.teamName")} error={errors.name}>
          {(props) => <input {...props} value={name} required onChange={(e) => setName(e.target.value)} />}
        </Field>
        <button type="submit" disabled={create.isPending}>
          {t("admin.newTeam")}
        </button>
      </form>
      {Object.keys(errors).length === 0 ? <ErrorMessage error={create.error} /> : null}
      {(teams.data?.items ?? []).map((team) => (
        <div key={team.id} className="stack team-block">
          <TeamMembers team={team} users={users.data?.items ?? []} teams={teams.data?.items ?? []} />
          <LeadRotation team={team} users={users.data?.items ?? []} />
        </div>
      ))}
    </Section>
  );
}

/** Roles, and a custom role within the rank rule: a rank below one's own, only permissions
 * one holds, access levels no wider than one's own, kind by kind. Template roles are
 * read-only (their access shows as a grid on request); a custom role the caller could
 * grant can be edited under the same rule. */
function Roles() {
  const { t } = useI18n();
  const { client, claims } = useAuth();
  const queryClient = useQueryClient();
  const roles = useQuery({ queryKey: ["roles"], queryFn: () => ok(rolesList({ client })) });
  const [editing, setEditing] = useState<string | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const edited = roles.data?.items.find((r) => r.id === editing);
  const viewed = roles.data?.items.find((r) => r.id === viewing);
  return (
    <Section title={t("admin.roles")}>
      <ErrorMessage error={roles.error} />
      {roles.data ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("admin.roleName")}</th>
                <th scope="col" className="num">
                  {t("admin.rank")}
                </th>
                <th scope="col">{t("admin.access")}</th>
                <th scope="col">{t("admin.grants")}</th>
                <th scope="col">{t("admin.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {[...roles.data.items]
                .sort((a, b) => b.rank - a.rank)
                .map((r) => {
                  const grants = grantsOf(r.permissions);
                  return (
                    <tr key={r.id}>
                      <th scope="row">
                        {roleName(r, t)} {r.is_template ? <span className="muted small">({t("admin.template")})</span> : null}
                      </th>
                      <td className="num">{r.rank}</td>
                      <td className="small">
                        <AccessSummary access={r.access} />
                      </td>
                      <td className="small">{grants.length ? grants.map((p) => permissionLabel(p, t)).join(", ") : "—"}</td>
                      <td>
                        {!r.is_template && mayGrant(r, claims) ? (
                          <button type="button" aria-label={t("admin.editing", { name: r.name })} onClick={() => setEditing(r.id)}>
                            {t("common.edit")}
                          </button>
                        ) : (
                          <button
                            type="button"
                            aria-label={`${t("admin.showAccess")}: ${roleName(r, t)}`}
                            aria-expanded={viewing === r.id}
                            onClick={() => setViewing(viewing === r.id ? null : r.id)}
                          >
                            {t("admin.showAccess")}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </div>
      ) : null}
      {viewed ? (
        <>
          <h3>{t("admin.accessOf", { name: roleName(viewed, t) })}</h3>
          <AccessGrid caption={t("admin.accessOf", { name: roleName(viewed, t) })} captionHidden value={copyAccess(viewed.access)} />
        </>
      ) : null}
      {edited ? (
        <>
          <h3>{t("admin.editing", { name: edited.name })}</h3>
          <RoleForm
            key={`${edited.id}:${edited.version}`}
            role={edited}
            onDone={() => setEditing(null)}
            onReload={() => void queryClient.invalidateQueries({ queryKey: ["roles"] })}
          />
        </>
      ) : null}
      <h3>{t("admin.newRole")}</h3>
      <RoleForm />
    </Section>
  );
}

/** A new custom role, or changes to `role` (only what changed, with If-Match): its name,
 * rank, access levels (a grid within the editor's own levels) and the permissions beyond
 * records the editor holds. Record permissions follow from the grid. */
function RoleForm({ role, onDone, onReload }: { role?: RoleRead; onDone?: () => void; onReload?: () => void }) {
  const { t } = useI18n();
  const { client, claims, access: mine } = useAuth();
  const queryClient = useQueryClient();
  const maxRank = Math.max(1, (claims?.rank ?? 1) - 1);
  const initialGrants = new Set<Permission>(grantsOf(role?.permissions ?? []));
  const held = [...new Set([...grantsOf((claims?.perms ?? []) as Permission[]), ...initialGrants])].sort();
  const initial = {
    name: role?.name ?? "",
    rank: String(role?.rank ?? Math.min(20, maxRank)),
    access: role ? copyAccess(role.access) : noAccess(),
    permissions: initialGrants,
  };
  const [draft, setDraft] = useState(initial);
  const save = useMutation({
    mutationFn: () => {
      const body = { name: draft.name.trim(), rank: Number(draft.rank), access: draft.access, permissions: [...draft.permissions].sort() };
      if (!role) return ok(rolesCreate({ client, body }));
      const same = (a: Set<Permission>, b: Set<Permission>) => a.size === b.size && [...a].every((p) => b.has(p));
      const changed: RoleUpdate = {
        ...(body.name !== role.name ? { name: body.name } : {}),
        ...(body.rank !== role.rank ? { rank: body.rank } : {}),
        ...(sameAccess(draft.access, initial.access) ? {} : { access: body.access }),
        ...(same(draft.permissions, initial.permissions) ? {} : { permissions: body.permissions }),
      };
      return ok(rolesUpdate({ client, path: { role_id: role.id }, headers: { "if-match": etagOf(role.version) }, body: changed }));
    },
    onSuccess: () => {
      if (!role) setDraft((d) => ({ ...d, name: "", access: noAccess(), permissions: new Set() }));
      void queryClient.invalidateQueries({ queryKey: ["roles"] });
      onDone?.();
    },
  });
  const errors = fieldErrors(save.error);
  const i18n = useI18n();
  return (
    <form
      className="stack"
      noValidate={Boolean(role)}
      aria-label={role ? t("admin.editing", { name: role.name }) : t("admin.newRole")}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <div className="inline-form">
        <Field label={t("admin.roleName")} error={errors.name}>
          {(props) => <input {...props} required value={draft.name} onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))} />}
        </Field>
        <Field label={t("admin.rank")} error={errors.rank} hint={t("admin.rankRange", { max: maxRank })}>
          {(props) => (
            <input {...props} type="number" min={1} max={maxRank} value={draft.rank} onChange={(e) => setDraft((d) => ({ ...d, rank: e.target.value }))} />
          )}
        </Field>
      </div>
      <AccessGrid
        caption={t("admin.access")}
        value={draft.access}
        limit={mine}
        onChange={(access) => setDraft((d) => ({ ...d, access }))}
        errors={errors}
      />
      <fieldset>
        <legend>{t("admin.permissions")}</legend>
        <div className="checks">
          {held.map((p) => (
            <label key={p} className="check">
              <input
                type="checkbox"
                checked={draft.permissions.has(p)}
                onChange={(e) =>
                  setDraft((d) => {
                    const next = new Set(d.permissions);
                    if (e.target.checked) next.add(p);
                    else next.delete(p);
                    return { ...d, permissions: next };
                  })
                }
              />
              {permissionLabel(p, t)} <code className="muted small">{p}</code>
            </label>
          ))}
        </div>
        {held.length === 0 ? <p className="muted">{t("admin.noGrants")}</p> : null}
        {errors.permissions ? <p className="field-error">{fieldErrorText(errors.permissions, i18n)}</p> : null}
      </fieldset>
      <SaveProblem
        error={save.error}
        onReload={() => {
          save.reset();
          onReload?.();
        }}
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending || !draft.name.trim()}>
          {role ? t("common.save") : t("common.create")}
        </button>
        {role ? (
          <button type="button" onClick={onDone}>
            {t("common.cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}

const FIELD_TYPES: FieldType[] = ["text", "number", "date", "boolean", "single_choice", "multi_choice"];
const ENTITIES: CustomEntity[] = ["contact", "company", "deal"];

function CustomFields() {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const fields = useQuery({
    queryKey: ["custom-fields"],
    queryFn: async () => {
      const lists = await Promise.all(ENTITIES.map((entity) => ok(customFieldsList({ client, query: { entity } }))));
      return { items: lists.flatMap((list) => list.items) };
    },
  });
  const [draft, setDraft] = useState({ entity: "contact" as CustomEntity, key: "", label: "", type: "text" as FieldType, choices: "", required: false });
  const [editing, setEditing] = useState<{ field: CustomFieldRead; action: "edit" | "delete" } | null>(null);
  const create = useMutation({
    mutationFn: () =>
      ok(
        customFieldsCreate({
          client,
          body: {
            entity: draft.entity,
            key: draft.key.trim(),
            label: draft.label.trim(),
            type: draft.type,
            required: draft.required,
            choices: draft.type.endsWith("choice") ? draft.choices.split(",").map((c) => c.trim()).filter(Boolean) : [],
          },
        }),
      ),
    onSuccess: () => {
      setDraft((d) => ({ ...d, key: "", label: "", choices: "" }));
      void queryClient.invalidateQueries({ queryKey: ["custom-fields"] });
    },
  });
  const errors = fieldErrors(create.error);
  return (
    <Section title={t("admin.fields")}>
      <ErrorMessage error={fields.error} />
      {fields.data?.items.length ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("admin.fieldLabel")}</th>
                <th scope="col">{t("admin.fieldKey")}</th>
                <th scope="col">{t("admin.fieldEntity")}</th>
                <th scope="col">{t("admin.fieldType")}</th>
                <th scope="col">{t("admin.fieldRequired")}</th>
                <th scope="col">{t("admin.position")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("admin.fieldActions", { label: t("admin.fields") })}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {fields.data.items.map((f) => (
                <tr key={f.id}>
                  <th scope="row">{f.label}</th>
                  <td>
                    <code>{f.key}</code>
                  </td>
                  <td>{entityLabel(f.entity, t)}</td>
                  <td>
                    {fieldTypeLabel(f.type, t)}
                    {f.choices.length ? ` (${f.choices.join(", ")})` : ""}
                  </td>
                  <td>{f.required ? t("common.yes") : t("common.no")}</td>
                  <td>{f.position}</td>
                  <td className="actions">
                    <button type="button" aria-label={`${t("admin.editField")}: ${f.label}`} onClick={() => setEditing({ field: f, action: "edit" })}>
                      {t("common.edit")}
                    </button>{" "}
                    <button type="button" aria-label={`${t("admin.deleteField")}: ${f.label}`} onClick={() => setEditing({ field: f, action: "delete" })}>
                      {t("common.delete")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h3>{t("admin.newField")}</h3>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Field label={t("admin.fieldEntity")} error={errors.entity}>
          {(props) => (
            <select {...props} value={draft.entity} onChange={(e) => setDraft((d) => ({ ...d, entity: e.target.value as CustomEntity }))}>
              {ENTITIES.map((entity) => (
                <option key={entity} value={entity}>
                  {entityLabel(entity, t)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("admin.fieldLabel")} error={errors.label}>
          {(props) => <input {...props} value={draft.label} onChange={(e) => setDraft((d) => ({ ...d, label: e.target.value }))} />}
        </Field>
        <Field label={t("admin.fieldKey")} error={errors.key}>
          {(props) => <input {...props} value={draft.key} onChange={(e) => setDraft((d) => ({ ...d, key: e.target.value }))} />}
        </Field>
        <Field label={t("admin.fieldType")} error={errors.type}>
          {(props) => (
            <select {...props} value={draft.type} onChange={(e) => setDraft((d) => ({ ...d, type: e.target.value as FieldType }))}>
              {FIELD_TYPES.map((type) => (
                <option key={type} value={type}>
                  {fieldTypeLabel(type, t)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {draft.type.endsWith("choice") ? (
          <Field label={t("admin.fieldChoices")} error={errors.choices}>
            {(props) => <input {...props} value={draft.choices} onChange={(e) => setDraft((d) => ({ ...d, choices: e.target.value }))} />}
          </Field>
        ) : null}
        <div className="field inline">
          <input
            id="field-required"
            type="checkbox"
            checked={draft.required}
            onChange={(e) => setDraft((d) => ({ ...d, required: e.target.checked }))}
          />
          <label htmlFor="field-required">{t("admin.fieldRequired")}</label>
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {t("common.create")}
          </button>
        </div>
      </form>
      {Object.keys(errors).length === 0 ? <ErrorMessage error={create.error} /> : null}
      {editing?.action === "edit" ? <EditCustomField field={editing.field} onClose={() => setEditing(null)} /> : null}
      {editing?.action === "delete" ? <DeleteCustomField field={editing.field} onClose={() => setEditing(null)} /> : null}
    </Section>
  );
}

const KINDS: StageKind[] = ["open", "won", "lost"];

function Pipelines() {
  const { t, percent } = useI18n();
  const pipelines = usePipelines();
  return (
    <>
      {pipelines.isLoading ? <Loading /> : null}
      {pipelines.list.map((p) => (
        <Section key={p.id} title={`${t("board.pipeline")}: ${p.name}`}>
          <PipelineActions pipeline={p} />
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t("admin.stages")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("admin.stageName")}</th>
                  <th scope="col">{t("admin.kind")}</th>
                  <th scope="col" className="num">
                    {t("admin.probability")}
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">{t("admin.stageActions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.stages.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.name}</th>
                    <td>{t(`deal.status.${s.kind}` as MessageKey)}</td>
                    <td className="num">{percent(s.probability / 100)}</td>
                    <td>
                      <EditStage pipeline={p} stage={s} />
                      <RemoveStage pipeline={p} stage={s} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <AddStage pipelineId={p.id} />
        </Section>
      ))}
      {pipelines.isLoading ? null : <NewPipeline />}
    </>
  );
}

/** Renames, re-weighs or moves a stage; its deals stay where they are. Sends only what
 * changed. */
function EditStage({ pipeline, stage }: { pipeline: PipelineRead; stage: StageRead }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const initial = { name: stage.name, probability: String(stage.probability), position: String(stage.position + 1) };
  const [draft, setDraft] = useState<typeof initial | null>(null);
  const save = useMutation({
    mutationFn: (changed: { name?: string; probability?: number; position?: number }) =>
      ok(pipelinesUpdateStage({ client, path: { pipeline_id: pipeline.id, stage_id: stage.id }, body: changed })),
    onSuccess: () => {
      setDraft(null);
      void queryClient.invalidateQueries({ queryKey: ["pipelines"] });
      void queryClient.invalidateQueries({ queryKey: ["board"] });
    },
  });
  if (draft === null) {
    return (
      <button type="button" aria-label={`${t("common.edit")}: ${stage.name}`} onClick={() => setDraft(initial)}>
        {t("common.edit")}
      </button>
    );
  }
  const errors = fieldErrors(save.error);
  // The API checks the pipeline's stages as a whole: "stages.<index>.name" and the like.
  const stageError = (field: string) =>
    errors[field] ?? Object.entries(errors).find(([key]) => new RegExp(`^stages\\.\\d+\\.${field}$`).test(key))?.[1];
  const set = (key: keyof typeof initial) => (e: { target: { value: string } }) => setDraft((d) => d && { ...d, [key]: e.target.value });
  return (
    <form
      className="inline-form"
      aria-label={`${t("common.edit")}: ${stage.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        const changed: { name?: string; probability?: number; position?: number } = {};
        if (draft.name.trim() !== stage.name) changed.name = draft.name.trim();
        if (Number(draft.probability) !== stage.probability) changed.probability = Number(draft.probability);
        if (Number(draft.position) - 1 !== stage.position) changed.position = Number(draft.position) - 1;
        if (Object.keys(changed).length === 0) setDraft(null);
        else save.mutate(changed);
      }}
    >
      <Field label={t("admin.stageName")} error={stageError("name")}>
        {(props) => <input {...props} required value={draft.name} onChange={set("name")} />}
      </Field>
      <Field label={t("admin.probability")} error={stageError("probability")}>
        {(props) => <input {...props} type="number" min={0} max={100} value={draft.probability} onChange={set("probability")} />}
      </Field>
      <Field label={t("admin.position")} error={errors.position}>
        {(props) => <input {...props} type="number" min={1} max={pipeline.stages.length} value={draft.position} onChange={set("position")} />}
      </Field>
      <button type="submit" disabled={save.isPending}>
        {t("common.save")}
      </button>
      <button type="button" onClick={() => setDraft(null)}>
        {t("common.cancel")}
      </button>
      <SaveProblem error={save.error} onReload={() => void queryClient.invalidateQueries({ queryKey: ["pipelines"] })} />
    </form>
  );
}

/** Removes a stage; its deals (if any) move to the chosen stage of the same kind, which
 * the API requires and records in each deal's history. */
function RemoveStage({ pipeline, stage }: { pipeline: PipelineRead; stage: StageRead }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const targets = pipeline.stages.filter((s) => s.kind === stage.kind && s.id !== stage.id);
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState(targets[0]?.id ?? "");
  const remove = useMutation({
    mutationFn: () =>
      ok(
        pipelinesDeleteStage({
          client,
          path: { pipeline_id: pipeline.id, stage_id: stage.id },
          query: target ? { target_stage_id: target } : {},
        }),
      ),
    onSuccess: () => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ["pipelines"] });
      void queryClient.invalidateQueries({ queryKey: ["board"] });
    },
  });
  if (!open) {
    return (
      <button type="button" aria-label={`${t("admin.removeStage")}: ${stage.name}`} onClick={() => setOpen(true)}>
        {t("admin.removeStage")}
      </button>
    );
  }
  const errors = fieldErrors(remove.error);
  const targetError = targets.length > 0 ? (errors.target_stage_id ?? errors.stages) : undefined;
  return (
    <form
      className="inline-form"
      aria-label={`${t("admin.removeStage")}: ${stage.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        remove.mutate();
      }}
    >
      {targets.length > 0 ? (
        <Field label={t("admin.moveDealsTo")} error={targetError} hint={t("admin.moveDealsHint")}>
          {(props) => (
            <select {...props} value={target} onChange={(e) => setTarget(e.target.value)}>
              {targets.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <button type="submit" disabled={remove.isPending}>
        {t("admin.removeStage")}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        {t("common.cancel")}
      </button>
      {targetError ? null : <ErrorMessage error={remove.error} />}
    </form>
  );
}

function AddStage({ pipelineId }: { pipelineId: string }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({ name: "", probability: "50", kind: "open" as StageKind });
  const add = useMutation({
    mutationFn: () =>
      ok(
        pipelinesAddStage({
          client,
          path: { pipeline_id: pipelineId },
          body: { name: draft.name.trim(), probability: Number(draft.probability), kind: draft.kind },
        }),
      ),
    onSuccess: () => {
      setDraft({ name: "", probability: "50", kind: "open" });
      void queryClient.invalidateQueries({ queryKey: ["pipelines"] });
      void queryClient.invalidateQueries({ queryKey: ["board"] });
    },
  });
  const errors = fieldErrors(add.error);
  return (
    <form
      className="inline-form"
      aria-label={t("admin.addStage")}
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <Field label={t("admin.stageName")} error={errors.name}>
        {(props) => <input {...props} required value={draft.name} onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))} />}
      </Field>
      <Field label={t("admin.probability")} error={errors.probability}>
        {(props) => (
          <input {...props} type="number" min={0} max={100} value={draft.probability} onChange={(e) => setDraft((d) => ({ ...d, probability: e.target.value }))} />
        )}
      </Field>
      <Field label={t("admin.kind")} error={errors.kind}>
        {(props) => (
          <select {...props} value={draft.kind} onChange={(e) => setDraft((d) => ({ ...d, kind: e.target.value as StageKind }))}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`deal.status.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={add.isPending}>
        {t("admin.addStage")}
      </button>
      {Object.keys(errors).length === 0 ? <ErrorMessage error={add.error} /> : null}
    </form>
  );
}
