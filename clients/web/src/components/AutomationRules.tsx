// Automation rules (automation:manage): list them, create and edit one (trigger,
// conditions, actions), switch one on or off, delete one after a confirmation, and see a
// rule's recent runs. What a rule may test and do per trigger comes from the API
// (GET /automation-rules/vocabulary): the form offers that and nothing else, and the API
// checks the rule as a whole, its problems shown at their fields (`conditions.0.value`).
// Changes send If-Match from the rule's version; a 412 offers a reload.
import {
  type ActionKindRead,
  type ActionType,
  type AutomationRuleCreate,
  type AutomationRuleRead,
  automationRulesCreate,
  automationRulesDelete,
  automationRulesList,
  automationRulesRuns,
  automationRulesUpdate,
  automationRulesVocabulary,
  type ConditionFieldRead,
  type Operator,
  type StageRead,
  type Trigger,
  type TriggerKindRead,
} from "@crm/sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Link } from "react-router";

import { etagOf, type FieldProblem, fieldErrors, ok } from "../api";
import { useAuth } from "../auth";
import { type MessageKey, useI18n } from "../i18n";
import { useOutcomes, usePipelines, useTeams, useUsers } from "../lookups";
import { STAGES as LIFECYCLE } from "../pages/Contacts";
import { Dialog, ErrorMessage, Field, fieldErrorText, Loading, SaveProblem } from "./ui";

const RULES = ["automation-rules"];

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A translated text, or `fallback` when the dictionaries have no such key. */
function label(t: Translate, key: string, fallback: string): string {
  const text = t(key as MessageKey);
  return text === key ? fallback : text;
}

export function triggerLabel(type: Trigger, t: Translate): string {
  return label(t, `automation.trigger.${type}`, type);
}

function actionLabel(type: ActionType, t: Translate): string {
  return label(t, `automation.action.${type}`, type);
}

function fieldLabel(name: string, t: Translate): string {
  return label(t, `automation.field.${name}`, name);
}

/** A choice of a condition field in words: the dictionaries' names for channels,
 * statuses, priorities, stages; the configured label of an outcome. */
function useChoiceLabel() {
  const { t } = useI18n();
  const outcomes = useOutcomes();
  return (trigger: TriggerKindRead, field: string, value: string): string => {
    if (field === "outcome") return outcomes.data?.items.find((o) => o.key === value)?.label ?? value;
    const key =
      field === "channel"
        ? `channel.${value}`
        : field === "status"
          ? trigger.record_type === "deal"
            ? `deal.status.${value}`
            : `request.status.${value}`
          : field === "priority"
            ? `priority.${value}`
            : field === "lifecycle_stage"
              ? `stage.${value}`
              : `automation.value.${field}.${value}`;
    return label(t, key, value);
  };
}

// --- Drafts: what the form holds, all as text, turned into the API's body on save -----

interface ConditionDraft {
  field: string;
  op: Operator;
  value: string;
  values: string[];
}

interface ActionDraft {
  type: ActionType | "";
  stage_id: string;
  lost_reason: string;
  title: string;
  due_in_days: string;
  team_id: string;
  stage: string;
  tag: string;
}

interface RuleDraft {
  name: string;
  enabled: boolean;
  trigger: Trigger | "";
  stage_id: string;
  days: string;
  conditions: ConditionDraft[];
  actions: ActionDraft[];
}

const NO_ACTION: ActionDraft = { type: "", stage_id: "", lost_reason: "", title: "", due_in_days: "", team_id: "", stage: "", tag: "" };

function emptyDraft(): RuleDraft {
  return { name: "", enabled: true, trigger: "", stage_id: "", days: "", conditions: [], actions: [{ ...NO_ACTION }] };
}

function asText(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

function draftOf(rule: AutomationRuleRead): RuleDraft {
  return {
    name: rule.name,
    enabled: rule.enabled,
    trigger: rule.trigger.type,
    stage_id: rule.trigger.stage_id ?? "",
    days: asText(rule.trigger.days),
    conditions: rule.conditions.map((c) => ({
      field: c.field,
      op: c.op,
      value: Array.isArray(c.value) ? c.value.map(asText).join(", ") : asText(c.value),
      values: Array.isArray(c.value) ? c.value.map(asText) : c.value === null || c.value === undefined ? [] : [asText(c.value)],
    })),
    actions: rule.actions.map((a) => ({
      type: a.type,
      stage_id: a.stage_id ?? "",
      lost_reason: a.lost_reason ?? "",
      title: a.title ?? "",
      due_in_days: asText(a.due_in_days),
      team_id: a.team_id ?? "",
      stage: a.stage ?? "",
      tag: a.tag ?? "",
    })),
  };
}

/** A whole number typed as one; anything else goes as typed, for the API to name. */
function whole(text: string): number | string {
  return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim();
}

function oneValue(field: ConditionFieldRead, text: string): string | number | boolean {
  if (field.kind === "number") return whole(text);
  if (field.kind === "boolean") return text === "true";
  return text.trim();
}

function conditionValue(field: ConditionFieldRead | undefined, c: ConditionDraft): unknown {
  if (!field) return c.value || null;
  const listed = field.kind === "choice" || field.kind === "outcome";
  if (c.op === "in") {
    const items = listed ? c.values : c.value.split(",").map((v) => v.trim()).filter(Boolean);
    return items.map((v) => oneValue(field, v));
  }
  if (c.value.trim() === "" && field.kind !== "boolean") return null; // equals null: the field is empty
  return oneValue(field, c.value);
}

function bodyOf(draft: RuleDraft, kind: TriggerKindRead | undefined, stageKind: (id: string) => string | undefined): AutomationRuleCreate {
  const fields = new Map(kind?.fields.map((f) => [f.name, f]) ?? []);
  const actions = new Map(kind?.actions.map((a) => [a.type, a]) ?? []);
  return {
    name: draft.name.trim(),
    enabled: draft.enabled,
    trigger: {
      type: draft.trigger as Trigger,
      ...(kind?.needs_stage ? { stage_id: draft.stage_id || null } : {}),
      ...(kind?.needs_days ? { days: draft.days.trim() === "" ? null : (whole(draft.days) as number) } : {}),
    },
    conditions: draft.conditions.map((c) => ({ field: c.field, op: c.op, value: conditionValue(fields.get(c.field), c) as never })),
    actions: draft.actions.map((a) => {
      const parameters = actions.get(a.type as ActionType)?.parameters ?? [];
      const body: Record<string, unknown> = { type: a.type };
      for (const name of parameters) {
        if (name === "lost_reason") {
          if (stageKind(a.stage_id) === "lost") body.lost_reason = a.lost_reason.trim() || null;
        } else if (name === "due_in_days") body.due_in_days = a.due_in_days.trim() === "" ? null : whole(a.due_in_days);
        else body[name] = (a as unknown as Record<string, string>)[name]?.trim() || null;
      }
      return body as AutomationRuleCreate["actions"][number];
    }),
  };
}

// --- The screen ------------------------------------------------------------------------

export function AutomationRules() {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const rules = useQuery({ queryKey: RULES, queryFn: () => ok(automationRulesList({ client, query: { limit: 100 } })) });
  const vocabulary = useQuery({
    queryKey: [...RULES, "vocabulary"],
    staleTime: 5 * 60_000,
    queryFn: () => ok(automationRulesVocabulary({ client })),
  });
  const [editing, setEditing] = useState<AutomationRuleRead | "new" | null>(null);
  const [deleting, setDeleting] = useState<AutomationRuleRead | null>(null);
  const [runsOf, setRunsOf] = useState<string | null>(null);
  const reload = () => void queryClient.invalidateQueries({ queryKey: RULES });
  const toggle = useMutation({
    mutationFn: (rule: AutomationRuleRead) =>
      ok(
        automationRulesUpdate({
          client,
          path: { rule_id: rule.id },
          body: { enabled: !rule.enabled },
          headers: { "if-match": etagOf(rule.version) },
        }),
      ),
    onSuccess: reload,
  });
  const items = rules.data?.items ?? [];
  return (
    <>
      <section className="card" aria-labelledby="automation-title">
        <h2 id="automation-title">{t("automation.title")}</h2>
        <p className="muted small">{t("automation.intro")}</p>
        {rules.isLoading ? <Loading /> : null}
        <ErrorMessage error={rules.error} />
        <SaveProblem error={toggle.error} onReload={reload} />
        {rules.data && items.length === 0 ? <p>{t("automation.none")}</p> : null}
        {items.length ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t("automation.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("automation.name")}</th>
                  <th scope="col">{t("automation.trigger")}</th>
                  <th scope="col">{t("automation.state")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("automation.ruleActions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((rule) => (
                  <tr key={rule.id} data-rule={rule.name}>
                    <th scope="row">{rule.name}</th>
                    <td>{triggerLabel(rule.trigger.type, t)}</td>
                    <td>
                      <span className={rule.enabled ? "badge badge-on" : "badge badge-off"}>
                        {rule.enabled ? t("automation.enabled") : t("automation.disabled")}
                      </span>
                    </td>
                    <td className="row-actions">
                      <button
                        type="button"
                        aria-label={`${rule.enabled ? t("automation.disable") : t("automation.enable")}: ${rule.name}`}
                        disabled={toggle.isPending}
                        onClick={() => toggle.mutate(rule)}
                      >
                        {rule.enabled ? t("automation.disable") : t("automation.enable")}
                      </button>
                      <button type="button" aria-label={`${t("common.edit")}: ${rule.name}`} onClick={() => setEditing(rule)}>
                        {t("common.edit")}
                      </button>
                      <button
                        type="button"
                        aria-expanded={runsOf === rule.id}
                        aria-label={`${t("automation.runs")}: ${rule.name}`}
                        onClick={() => setRunsOf((current) => (current === rule.id ? null : rule.id))}
                      >
                        {t("automation.runs")}
                      </button>
                      <button type="button" className="danger" aria-label={`${t("common.delete")}: ${rule.name}`} onClick={() => setDeleting(rule)}>
                        {t("common.delete")}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {editing === null ? (
          <button type="button" className="primary" onClick={() => setEditing("new")}>
            {t("automation.new")}
          </button>
        ) : null}
      </section>
      {runsOf ? <RuleRuns rule={items.find((r) => r.id === runsOf)} ruleId={runsOf} /> : null}
      {editing !== null ? (
        vocabulary.data ? (
          <RuleEditor
            key={editing === "new" ? "new" : editing.id}
            rule={editing === "new" ? null : editing}
            triggers={vocabulary.data.triggers}
            onDone={() => setEditing(null)}
            onReload={reload}
          />
        ) : (
          <ErrorMessage error={vocabulary.error} />
        )
      ) : null}
      {deleting ? <DeleteRule rule={deleting} onClose={() => setDeleting(null)} onReload={reload} /> : null}
    </>
  );
}

function DeleteRule({ rule, onClose, onReload }: { rule: AutomationRuleRead; onClose: () => void; onReload: () => void }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => ok(automationRulesDelete({ client, path: { rule_id: rule.id }, headers: { "if-match": etagOf(rule.version) } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: RULES });
      onClose();
    },
  });
  return (
    <Dialog title={t("automation.deleteTitle", { name: rule.name })} onClose={onClose}>
      <p>{t("automation.deleteConfirm", { name: rule.name })}</p>
      <SaveProblem
        error={remove.error}
        onReload={() => {
          onReload();
          onClose();
        }}
      />
      <div className="form-actions">
        <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
          {t("common.delete")}
        </button>
        <button type="button" onClick={onClose}>
          {t("common.cancel")}
        </button>
      </div>
    </Dialog>
  );
}

const RECORD_PATH: Record<string, string | undefined> = { deal: "/deals/", contact: "/contacts/", request: "/requests/" };

/** A rule's latest runs: when, how it ended (and why, when it failed or was skipped),
 * on which record and on whose behalf. */
function RuleRuns({ rule, ruleId }: { rule: AutomationRuleRead | undefined; ruleId: string }) {
  const { t, dateTime } = useI18n();
  const { client } = useAuth();
  const users = useUsers();
  const runs = useQuery({
    queryKey: [...RULES, ruleId, "runs"],
    queryFn: () => ok(automationRulesRuns({ client, path: { rule_id: ruleId }, query: { limit: 20 } })),
  });
  const title = t("automation.runsTitle", { name: rule?.name ?? "" });
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {runs.isLoading ? <Loading /> : null}
      <ErrorMessage error={runs.error} />
      {runs.data && runs.data.items.length === 0 ? <p>{t("automation.noRuns")}</p> : null}
      {runs.data?.items.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("automation.runAt")}</th>
                <th scope="col">{t("automation.runOutcome")}</th>
                <th scope="col">{t("automation.runRecord")}</th>
                <th scope="col">{t("automation.runActor")}</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.items.map((run) => {
                const path = RECORD_PATH[run.record_type];
                const record = label(t, `automation.record.${run.record_type}`, run.record_type);
                return (
                  <tr key={run.id}>
                    <td>
                      <time dateTime={run.at}>{dateTime(run.at)}</time>
                    </td>
                    <td>
                      <span className={`badge run-${run.outcome}`}>{label(t, `automation.run.${run.outcome}`, run.outcome)}</span>
                      {run.detail ? <span className="muted small"> {run.detail}</span> : null}
                    </td>
                    <td>{path ? <Link to={`${path}${run.record_id}`}>{record}</Link> : record}</td>
                    <td>{run.actor_id ? users.name(run.actor_id) : "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

// --- The editor ------------------------------------------------------------------------

function RuleEditor({
  rule,
  triggers,
  onDone,
  onReload,
}: {
  rule: AutomationRuleRead | null;
  triggers: TriggerKindRead[];
  onDone: () => void;
  onReload: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const pipelines = usePipelines();
  const titleId = useId();
  const [draft, setDraft] = useState<RuleDraft>(() => (rule ? draftOf(rule) : emptyDraft()));
  const kind = triggers.find((k) => k.type === draft.trigger);
  const stageKind = (id: string) => pipelines.stage(id)?.kind;
  const save = useMutation({
    mutationFn: () => {
      const body = bodyOf(draft, kind, stageKind);
      return rule
        ? ok(automationRulesUpdate({ client, path: { rule_id: rule.id }, body, headers: { "if-match": etagOf(rule.version) } }))
        : ok(automationRulesCreate({ client, body }));
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: RULES });
      onDone();
    },
  });
  const errors = fieldErrors(save.error);
  const under = (prefix: string) => Object.keys(errors).some((k) => k.startsWith(`${prefix}.`));
  const set = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setCondition = (index: number, patch: Partial<ConditionDraft>) =>
    setDraft((d) => ({ ...d, conditions: d.conditions.map((c, i) => (i === index ? { ...c, ...patch } : c)) }));
  const setAction = (index: number, patch: Partial<ActionDraft>) =>
    setDraft((d) => ({ ...d, actions: d.actions.map((a, i) => (i === index ? { ...a, ...patch } : a)) }));
  // The stages a move may go to: of the trigger's pipeline when it names a stage, of every
  // pipeline otherwise; of the kinds the API allows from this trigger.
  const triggerPipeline = pipelines.list.find((p) => p.stages.some((s) => s.id === draft.stage_id));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const title = rule ? t("automation.editing", { name: rule.name }) : t("automation.new");
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <form className="stack" aria-labelledby={titleId} onSubmit={submit} noValidate>
        <Field label={t("automation.name")} error={errors.name}>
          {(props) => <input {...props} required value={draft.name} onChange={(e) => set({ name: e.target.value })} />}
        </Field>
        <label className="check">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> {t("automation.enabled")}
        </label>
        <fieldset className="stack">
          <legend>{t("automation.when")}</legend>
          <Field label={t("automation.trigger")} error={errors.trigger && !under("trigger") ? errors.trigger : errors["trigger.type"]}>
            {(props) => (
              <select
                {...props}
                value={draft.trigger}
                onChange={(e) => {
                  const next = triggers.find((k) => k.type === e.target.value);
                  // Conditions and actions that the new trigger does not take go.
                  setDraft((d) => ({
                    ...d,
                    trigger: e.target.value as Trigger,
                    stage_id: next?.needs_stage ? d.stage_id : "",
                    days: next?.needs_days ? d.days : "",
                    conditions: d.conditions.filter((c) => next?.fields.some((f) => f.name === c.field)),
                    actions: d.actions.map((a) => (next?.actions.some((x) => x.type === a.type) ? a : { ...NO_ACTION })),
                  }));
                }}
              >
                <option value="">{t("automation.chooseTrigger")}</option>
                {triggers.map((k) => (
                  <option key={k.type} value={k.type}>
                    {triggerLabel(k.type, t)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {kind?.needs_stage ? (
            <Field label={t("automation.triggerStage")} error={errors["trigger.stage_id"]}>
              {(props) => (
                <select {...props} value={draft.stage_id} onChange={(e) => set({ stage_id: e.target.value })}>
                  <option value="">—</option>
                  {pipelines.list.map((p) => (
                    <optgroup key={p.id} label={p.name}>
                      {p.stages.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          {kind?.needs_days ? (
            <Field label={t("automation.triggerDays")} error={errors["trigger.days"]}>
              {(props) => <input {...props} type="number" inputMode="numeric" value={draft.days} onChange={(e) => set({ days: e.target.value })} />}
            </Field>
          ) : null}
        </fieldset>
        {kind ? (
          <>
            <fieldset className="stack">
              <legend>{t("automation.conditions")}</legend>
              <p className="muted small">{t("automation.conditionsHint")}</p>
              {errors.conditions && !under("conditions") ? <p className="field-error">{fieldErrorText(errors.conditions, i18n)}</p> : null}
              <ol className="rule-rows">
                {draft.conditions.map((c, i) => (
                  <ConditionRow
                    key={i}
                    index={i}
                    kind={kind}
                    condition={c}
                    errors={errors}
                    onChange={(patch) => setCondition(i, patch)}
                    onRemove={() => setDraft((d) => ({ ...d, conditions: d.conditions.filter((_, j) => j !== i) }))}
                  />
                ))}
              </ol>
              <div>
                <button
                  type="button"
                  onClick={() =>
                    setDraft((d) => ({ ...d, conditions: [...d.conditions, { field: kind.fields[0]?.name ?? "", op: "equals", value: "", values: [] }] }))
                  }
                >
                  {t("automation.addCondition")}
                </button>
              </div>
            </fieldset>
            <fieldset className="stack">
              <legend>{t("automation.actions")}</legend>
              {errors.actions && !under("actions") ? <p className="field-error">{fieldErrorText(errors.actions, i18n)}</p> : null}
              <ol className="rule-rows">
                {draft.actions.map((a, i) => (
                  <ActionRow
                    key={i}
                    index={i}
                    kinds={kind.actions}
                    action={a}
                    errors={errors}
                    stages={(triggerPipeline ? [triggerPipeline] : pipelines.list).map((p) => ({ name: p.name, stages: p.stages }))}
                    onChange={(patch) => setAction(i, patch)}
                    onRemove={() => setDraft((d) => ({ ...d, actions: d.actions.filter((_, j) => j !== i) }))}
                  />
                ))}
              </ol>
              <div>
                <button type="button" onClick={() => setDraft((d) => ({ ...d, actions: [...d.actions, { ...NO_ACTION }] }))}>
                  {t("automation.addAction")}
                </button>
              </div>
            </fieldset>
          </>
        ) : null}
        {Object.keys(errors).length === 0 ? <SaveProblem error={save.error} onReload={onReload} /> : <p className="field-error">{t("common.fixFields")}</p>}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending || !kind}>
            {rule ? t("common.save") : t("automation.create")}
          </button>
          <button type="button" onClick={onDone}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </section>
  );
}

function ConditionRow({
  index,
  kind,
  condition,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  kind: TriggerKindRead;
  condition: ConditionDraft;
  errors: Record<string, FieldProblem>;
  onChange: (patch: Partial<ConditionDraft>) => void;
  onRemove: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const field = kind.fields.find((f) => f.name === condition.field);
  const n = index + 1;
  const at = `conditions.${index}`;
  return (
    <li className="inline-form rule-row">
      <Field label={t("automation.conditionField", { n })} error={errors[`${at}.field`]}>
        {(props) => (
          <select {...props} value={condition.field} onChange={(e) => onChange({ field: e.target.value, op: "equals", value: "", values: [] })}>
            {kind.fields.map((f) => (
              <option key={f.name} value={f.name}>
                {fieldLabel(f.name, t)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("automation.conditionOp", { n })} error={errors[`${at}.op`]}>
        {(props) => (
          <select {...props} value={condition.op} onChange={(e) => onChange({ op: e.target.value as Operator })}>
            {(field?.operators ?? ["equals"]).map((op) => (
              <option key={op} value={op}>
                {label(t, `automation.op.${op}`, op)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {field ? <ConditionValue n={n} kind={kind} field={field} condition={condition} error={errors[`${at}.value`]} onChange={onChange} /> : null}
      <button type="button" aria-label={`${t("automation.remove")}: ${t("automation.conditionN", { n })}`} onClick={onRemove}>
        {t("automation.remove")}
      </button>
    </li>
  );
}

/** The value input a field's kind takes: a list of its choices, people, teams, pipelines
 * and stages by name, yes/no, or text (values separated by commas for "is one of"). */
function ConditionValue({
  n,
  kind,
  field,
  condition,
  error,
  onChange,
}: {
  n: number;
  kind: TriggerKindRead;
  field: ConditionFieldRead;
  condition: ConditionDraft;
  error: FieldProblem | undefined;
  onChange: (patch: Partial<ConditionDraft>) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const choiceLabel = useChoiceLabel();
  const users = useUsers();
  const teams = useTeams();
  const pipelines = usePipelines();
  const valueLabel = t("automation.conditionValue", { n });
  const named: Array<{ value: string; label: string }> | null =
    field.kind === "choice" || field.kind === "outcome"
      ? field.choices.map((c) => ({ value: c, label: choiceLabel(kind, field.name, c) }))
      : field.name === "owner_id" || field.name === "assignee_id"
        ? users.list.map((u) => ({ value: u.id, label: u.full_name }))
        : field.name === "team_id"
          ? (teams.data?.items ?? []).map((team) => ({ value: team.id, label: team.name }))
          : field.name === "pipeline_id"
            ? pipelines.list.map((p) => ({ value: p.id, label: p.name }))
            : field.name === "stage_id"
              ? pipelines.list.flatMap((p) => p.stages.map((s) => ({ value: s.id, label: `${p.name}: ${s.name}` })))
              : field.kind === "boolean"
                ? [
                    { value: "true", label: t("common.yes") },
                    { value: "false", label: t("common.no") },
                  ]
                : null;
  if (named && condition.op === "in") {
    const errorText = error ? fieldErrorText(error, i18n) : null;
    return (
      <fieldset className={error ? "choice-group field-invalid" : "choice-group"}>
        <legend>{valueLabel}</legend>
        {named.map((option) => (
          <label key={option.value} className="check">
            <input
              type="checkbox"
              checked={condition.values.includes(option.value)}
              onChange={(e) =>
                onChange({
                  values: e.target.checked ? [...condition.values, option.value] : condition.values.filter((v) => v !== option.value),
                })
              }
            />{" "}
            {option.label}
          </label>
        ))}
        {errorText ? <p className="field-error">{errorText}</p> : null}
      </fieldset>
    );
  }
  if (named) {
    return (
      <Field label={valueLabel} error={error}>
        {(props) => (
          <select {...props} value={condition.value} onChange={(e) => onChange({ value: e.target.value })}>
            {field.kind === "boolean" ? null : <option value="">{t("automation.empty")}</option>}
            {named.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </Field>
    );
  }
  return (
    <Field label={valueLabel} error={error} hint={condition.op === "in" ? t("automation.commaHint") : undefined}>
      {(props) => (
        <input
          {...props}
          inputMode={field.kind === "number" && condition.op !== "in" ? "numeric" : undefined}
          value={condition.value}
          onChange={(e) => onChange({ value: e.target.value })}
        />
      )}
    </Field>
  );
}

function ActionRow({
  index,
  kinds,
  action,
  errors,
  stages,
  onChange,
  onRemove,
}: {
  index: number;
  kinds: ActionKindRead[];
  action: ActionDraft;
  errors: Record<string, FieldProblem>;
  stages: Array<{ name: string; stages: StageRead[] }>;
  onChange: (patch: Partial<ActionDraft>) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const teams = useTeams();
  const n = index + 1;
  const at = `actions.${index}`;
  const kind = kinds.find((k) => k.type === action.type);
  const takes = new Set(kind?.parameters ?? []);
  const allowed = new Set(kind?.stage_kinds ?? []);
  const chosen = stages.flatMap((p) => p.stages).find((s) => s.id === action.stage_id);
  return (
    <li className="inline-form rule-row">
      <Field label={t("automation.actionType", { n })} error={errors[`${at}.type`]}>
        {(props) => (
          <select {...props} value={action.type} onChange={(e) => onChange({ ...NO_ACTION, type: e.target.value as ActionType })}>
            <option value="">{t("automation.chooseAction")}</option>
            {kinds.map((k) => (
              <option key={k.type} value={k.type}>
                {actionLabel(k.type, t)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {takes.has("stage_id") ? (
        <Field label={t("automation.moveTo", { n })} error={errors[`${at}.stage_id`]}>
          {(props) => (
            <select {...props} value={action.stage_id} onChange={(e) => onChange({ stage_id: e.target.value })}>
              <option value="">—</option>
              {stages.map((p) => (
                <optgroup key={p.name} label={p.name}>
                  {p.stages
                    .filter((s) => allowed.size === 0 || allowed.has(s.kind))
                    .map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {takes.has("lost_reason") && chosen?.kind === "lost" ? (
        <Field label={t("automation.lostReason", { n })} error={errors[`${at}.lost_reason`]}>
          {(props) => <input {...props} value={action.lost_reason} onChange={(e) => onChange({ lost_reason: e.target.value })} />}
        </Field>
      ) : null}
      {takes.has("title") ? (
        <Field label={t("automation.taskTitle", { n })} error={errors[`${at}.title`]}>
          {(props) => <input {...props} value={action.title} onChange={(e) => onChange({ title: e.target.value })} />}
        </Field>
      ) : null}
      {takes.has("due_in_days") ? (
        <Field label={t("automation.dueInDays", { n })} error={errors[`${at}.due_in_days`]}>
          {(props) => <input {...props} type="number" inputMode="numeric" value={action.due_in_days} onChange={(e) => onChange({ due_in_days: e.target.value })} />}
        </Field>
      ) : null}
      {takes.has("team_id") ? (
        <Field label={t("automation.team", { n })} error={errors[`${at}.team_id`]}>
          {(props) => (
            <select {...props} value={action.team_id} onChange={(e) => onChange({ team_id: e.target.value })}>
              <option value="">—</option>
              {(teams.data?.items ?? []).map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {takes.has("stage") ? (
        <Field label={t("automation.lifecycle", { n })} error={errors[`${at}.stage`]}>
          {(props) => (
            <select {...props} value={action.stage} onChange={(e) => onChange({ stage: e.target.value })}>
              <option value="">—</option>
              {LIFECYCLE.map((s) => (
                <option key={s} value={s}>
                  {t(`stage.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {takes.has("tag") ? (
        <Field label={t("automation.tag", { n })} error={errors[`${at}.tag`]}>
          {(props) => <input {...props} value={action.tag} onChange={(e) => onChange({ tag: e.target.value })} />}
        </Field>
      ) : null}
      <button type="button" aria-label={`${t("automation.remove")}: ${t("automation.actionType", { n })}`} onClick={onRemove}>
        {t("automation.remove")}
      </button>
    </li>
  );
}
