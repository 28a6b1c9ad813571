// "Check access": why a user may or may not read, write and archive one record, as the API
// explains it (GET /access/explain, for holders of users:manage). The record is picked by
// name for contacts and companies, by its id for the other kinds. A 404, 403 or 422
// shows as every problem does.
import { type AccessDecision, accessExplainGet, type Rule, type UserRead } from "@crm/sdk";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { ACTIONS } from "../access";
import { fieldErrors, ok } from "../api";
import { useAuth } from "../auth";
import { type MessageKey, useI18n } from "../i18n";
import { useRecordSearch } from "../lookups";
import { RECORD_KINDS, type RecordKind } from "../session";
import { kindLabel, levelLabel } from "./AccessGrid";
import { type Choice, RecordPicker } from "./RecordPicker";
import { Dialog, ErrorMessage, Field } from "./ui";

type Translate = ReturnType<typeof useI18n>["t"];

const ACTION_LABELS = { read: "access.read", write: "access.write", archive: "access.archive" } as const;

/** The rule that decided, in a sentence: `level` is the user's level, `kind` the record's. */
export function ruleSentence(decision: AccessDecision, kind: RecordKind, t: Translate): string {
  return t(`explain.rule.${decision.rule satisfies Rule}` as MessageKey, {
    level: levelLabel(decision.level, t),
    kind: kindLabel(kind, t),
  });
}

export function CheckAccess({ user, onClose }: { user: Pick<UserRead, "id" | "full_name">; onClose: () => void }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const search = useRecordSearch();
  const [kind, setKind] = useState<RecordKind>("contacts");
  const [record, setRecord] = useState<Choice | null>(null);
  const [recordId, setRecordId] = useState("");
  const picked = kind === "contacts" || kind === "companies";
  const id = picked ? (record?.id ?? "") : recordId.trim();
  const explain = useMutation({
    mutationFn: () => ok(accessExplainGet({ client, query: { user_id: user.id, entity: kind, id } })),
  });
  const errors = fieldErrors(explain.error);
  const answer = explain.data;

  return (
    <Dialog title={t("explain.title", { name: user.full_name })} onClose={onClose}>
      <form
        className="form-grid"
        aria-label={t("explain.title", { name: user.full_name })}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (id) explain.mutate();
        }}
      >
        <Field label={t("explain.kind")} error={errors.entity}>
          {(props) => (
            <select
              {...props}
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as RecordKind);
                setRecord(null);
                setRecordId("");
                explain.reset();
              }}
            >
              {RECORD_KINDS.map((k) => (
                <option key={k} value={k}>
                  {kindLabel(k, t)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {picked ? (
          <RecordPicker
            key={kind}
            label={t("explain.record")}
            kind={kind}
            value={record}
            onChange={setRecord}
            search={search[kind]}
            error={errors.id}
          />
        ) : (
          <Field label={t("explain.recordId")} error={errors.id}>
            {(props) => <input {...props} type="text" value={recordId} onChange={(e) => setRecordId(e.target.value)} />}
          </Field>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!id || explain.isPending}>
            {t("explain.check")}
          </button>
          <button type="button" onClick={onClose}>
            {t("explain.close")}
          </button>
        </div>
      </form>
      {Object.keys(errors).length === 0 ? <ErrorMessage error={explain.error} /> : null}
      {answer ? (
        <div className="table-wrap" role="status">
          <table className="table">
            <caption>{t("explain.result", { name: user.full_name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("explain.action")}</th>
                <th scope="col">{t("explain.answer")}</th>
                <th scope="col">{t("explain.why")}</th>
              </tr>
            </thead>
            <tbody>
              {ACTIONS.map((action) => {
                const decision = answer[action];
                return (
                  <tr key={action}>
                    <th scope="row">{t(ACTION_LABELS[action])}</th>
                    <td>{decision.allowed ? t("explain.allowed") : t("explain.denied")}</td>
                    <td>{ruleSentence(decision, answer.entity, t)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </Dialog>
  );
}
