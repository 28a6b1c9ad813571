// Workflow settings (settings:manage): the outcomes an interaction can have (key and
// label, in order; an outcome left out is deactivated, as the API keeps it for the calls
// already logged with it), and how long a customer request of each priority may wait.
// Each list is saved whole; the API's problems show at their fields.
import {
  interactionOutcomesList,
  interactionOutcomesSet,
  requestResponseTimesGet,
  requestResponseTimesSet,
  type ResponseTimes,
} from "@crm/sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useState } from "react";

import { fieldErrors, ok } from "../api";
import { useAuth } from "../auth";
import { type MessageKey, useI18n } from "../i18n";
import { ErrorMessage, Field, fieldErrorText, Loading } from "./ui";

export function WorkflowSettings() {
  return (
    <>
      <OutcomesEditor />
      <ResponseTimesEditor />
    </>
  );
}

interface OutcomeDraft {
  key: string;
  label: string;
  // Saved before: its key stays as it is (logged interactions carry it).
  saved: boolean;
}

function OutcomesEditor() {
  const i18n = useI18n();
  const { t } = i18n;
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const titleId = useId();
  const outcomes = useQuery({ queryKey: ["outcomes"], queryFn: () => ok(interactionOutcomesList({ client })) });
  const [rows, setRows] = useState<OutcomeDraft[] | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (outcomes.data && rows === null) {
      setRows(outcomes.data.items.filter((o) => o.active).map((o) => ({ key: o.key, label: o.label, saved: true })));
    }
  }, [outcomes.data, rows]);
  const save = useMutation({
    mutationFn: (items: OutcomeDraft[]) =>
      ok(interactionOutcomesSet({ client, body: { items: items.map((o) => ({ key: o.key.trim(), label: o.label.trim() })) } })),
    onSuccess: (answer) => {
      queryClient.setQueryData(["outcomes"], answer);
      setRows(answer.items.filter((o) => o.active).map((o) => ({ key: o.key, label: o.label, saved: true })));
      setSaved(true);
    },
  });
  const errors = fieldErrors(save.error);
  const set = (index: number, patch: Partial<OutcomeDraft>) => {
    setSaved(false);
    setRows((list) => list && list.map((o, i) => (i === index ? { ...o, ...patch } : o)));
  };
  const moveRow = (index: number, by: number) =>
    setRows((list) => {
      if (!list) return list;
      const next = [...list];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row!);
      return next;
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (rows) save.mutate(rows);
  };
  const inactive = (outcomes.data?.items ?? []).filter((o) => !o.active);
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("outcomes.title")}</h2>
      <p className="muted small">{t("outcomes.intro")}</p>
      {outcomes.isLoading ? <Loading /> : null}
      <ErrorMessage error={outcomes.error} />
      {rows ? (
        <form className="stack" aria-labelledby={titleId} onSubmit={submit} noValidate>
          {errors.items && !Object.keys(errors).some((k) => k.startsWith("items.")) ? (
            <p className="field-error">{fieldErrorText(errors.items, i18n)}</p>
          ) : null}
          <ol className="rule-rows">
            {rows.map((o, i) => {
              const n = i + 1;
              return (
                <li key={i} className="inline-form rule-row">
                  <Field label={t("outcomes.label", { n })} error={errors[`items.${i}.label`]}>
                    {(props) => <input {...props} required value={o.label} onChange={(e) => set(i, { label: e.target.value })} />}
                  </Field>
                  <Field label={t("outcomes.key", { n })} error={errors[`items.${i}.key`]} hint={o.saved ? undefined : t("outcomes.keyHint")}>
                    {(props) => <input {...props} required readOnly={o.saved} value={o.key} onChange={(e) => set(i, { key: e.target.value })} />}
                  </Field>
                  <button type="button" aria-label={t("outcomes.up", { n })} disabled={i === 0} onClick={() => moveRow(i, -1)}>
                    ↑
                  </button>
                  <button type="button" aria-label={t("outcomes.down", { n })} disabled={i === rows.length - 1} onClick={() => moveRow(i, 1)}>
                    ↓
                  </button>
                  <button
                    type="button"
                    aria-label={`${t("outcomes.remove")}: ${o.label || n}`}
                    onClick={() => {
                      setSaved(false);
                      setRows((list) => list && list.filter((_, j) => j !== i));
                    }}
                  >
                    {t("outcomes.remove")}
                  </button>
                </li>
              );
            })}
          </ol>
          <div className="inline-form">
            <button
              type="button"
              onClick={() => {
                setSaved(false);
                setRows((list) => [...(list ?? []), { key: "", label: "", saved: false }]);
              }}
            >
              {t("outcomes.add")}
            </button>
            {inactive.map((o) => (
              <button
                key={o.key}
                type="button"
                onClick={() => {
                  setSaved(false);
                  setRows((list) => [...(list ?? []), { key: o.key, label: o.label, saved: true }]);
                }}
                hidden={rows.some((r) => r.key === o.key)}
              >
                {t("outcomes.restore", { label: o.label })}
              </button>
            ))}
          </div>
          {Object.keys(errors).length === 0 ? <ErrorMessage error={save.error} /> : null}
          {saved ? <p role="status">{t("common.saved")}</p> : null}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={save.isPending}>
              {t("outcomes.save")}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

const PRIORITIES = ["urgent", "high", "normal", "low"] as const;
type Priority = (typeof PRIORITIES)[number];

/** Minutes as days, hours and minutes in words, e.g. "1 d 4 h". */
function useDuration() {
  const { t } = useI18n();
  return (minutes: number): string => {
    if (!Number.isFinite(minutes) || minutes <= 0) return "";
    const d = Math.floor(minutes / 1440);
    const h = Math.floor((minutes % 1440) / 60);
    const m = minutes % 60;
    return [d ? t("responseTimes.days", { count: d }) : "", h ? t("responseTimes.hours", { count: h }) : "", m ? t("responseTimes.minutes", { count: m }) : ""]
      .filter(Boolean)
      .join(" ");
  };
}

function ResponseTimesEditor() {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const titleId = useId();
  const duration = useDuration();
  const times = useQuery({ queryKey: ["response-times"], queryFn: () => ok(requestResponseTimesGet({ client })) });
  const [draft, setDraft] = useState<Record<Priority, string> | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (times.data && draft === null) {
      setDraft({ urgent: String(times.data.urgent), high: String(times.data.high), normal: String(times.data.normal), low: String(times.data.low) });
    }
  }, [times.data, draft]);
  const save = useMutation({
    mutationFn: (body: ResponseTimes) => ok(requestResponseTimesSet({ client, body })),
    onSuccess: (answer) => {
      queryClient.setQueryData(["response-times"], answer);
      setSaved(true);
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    // Whole numbers as numbers; anything else goes as typed, for the API to name.
    const value = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text);
    save.mutate({ urgent: value(draft.urgent), high: value(draft.high), normal: value(draft.normal), low: value(draft.low) } as ResponseTimes);
  };
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("responseTimes.title")}</h2>
      <p className="muted small">{t("responseTimes.intro")}</p>
      {times.isLoading ? <Loading /> : null}
      <ErrorMessage error={times.error} />
      {draft ? (
        <form className="stack" aria-labelledby={titleId} onSubmit={submit} noValidate>
          {PRIORITIES.map((p) => (
            <Field
              key={p}
              label={t("responseTimes.minutesFor", { priority: t(`priority.${p}` as MessageKey) })}
              error={errors[p]}
              hint={duration(Number(draft[p])) || undefined}
            >
              {(props) => (
                <input
                  {...props}
                  type="number"
                  inputMode="numeric"
                  value={draft[p]}
                  onChange={(e) => {
                    setSaved(false);
                    setDraft((d) => d && { ...d, [p]: e.target.value });
                  }}
                />
              )}
            </Field>
          ))}
          {Object.keys(errors).length === 0 ? <ErrorMessage error={save.error} /> : null}
          {saved ? <p role="status">{t("common.saved")}</p> : null}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={save.isPending}>
              {t("responseTimes.save")}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
