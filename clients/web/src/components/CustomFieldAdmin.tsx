// Administration of one custom-field definition: change its label, whether it is required,
// its choices and its position (PATCH; key and type stay, as the API says), or delete it
// (DELETE; stored values are hidden, not erased). Both send the definition's version as
// If-Match, so a change made meanwhile is explained instead of overwritten.
import { type CustomFieldRead, customFieldsDelete, customFieldsUpdate } from "@crm/sdk";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { etagOf, fieldErrors, ok } from "../api";
import { useAuth } from "../auth";
import { useI18n } from "../i18n";
import { Dialog, Field, SaveProblem } from "./ui";

export function EditCustomField({ field, onClose }: { field: CustomFieldRead; onClose: () => void }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const isChoice = field.type.endsWith("choice");
  const [draft, setDraft] = useState({
    label: field.label,
    required: field.required,
    choices: field.choices.join(", "),
    position: String(field.position),
  });
  const save = useMutation({
    mutationFn: () => {
      const choices = draft.choices.split(",").map((c) => c.trim()).filter(Boolean);
      const position = Number(draft.position);
      return ok(
        customFieldsUpdate({
          client,
          path: { field_id: field.id },
          headers: { "if-match": etagOf(field.version) },
          body: {
            ...(draft.label.trim() !== field.label ? { label: draft.label.trim() } : {}),
            ...(draft.required !== field.required ? { required: draft.required } : {}),
            ...(isChoice && choices.join("\n") !== field.choices.join("\n") ? { choices } : {}),
            ...(draft.position.trim() && position !== field.position ? { position } : {}),
          },
        }),
      );
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["custom-fields"] });
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  return (
    <Dialog title={`${t("admin.editField")}: ${field.label}`} onClose={onClose}>
      <form
        className="stack"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <p className="muted">
          <code>{field.key}</code> · {field.entity} · {field.type}
        </p>
        <Field label={t("admin.fieldLabel")} error={errors.label}>
          {(props) => <input {...props} value={draft.label} onChange={(e) => setDraft((d) => ({ ...d, label: e.target.value }))} />}
        </Field>
        {isChoice ? (
          <Field label={t("admin.fieldChoices")} error={errors.choices}>
            {(props) => <input {...props} value={draft.choices} onChange={(e) => setDraft((d) => ({ ...d, choices: e.target.value }))} />}
          </Field>
        ) : null}
        <Field label={t("admin.position")} error={errors.position}>
          {(props) => (
            <input {...props} type="number" min={0} value={draft.position} onChange={(e) => setDraft((d) => ({ ...d, position: e.target.value }))} />
          )}
        </Field>
        <div className="field inline">
          <input
            id={`required-${field.id}`}
            type="checkbox"
            checked={draft.required}
            onChange={(e) => setDraft((d) => ({ ...d, required: e.target.checked }))}
          />
          <label htmlFor={`required-${field.id}`}>{t("admin.fieldRequired")}</label>
        </div>
        <SaveProblem error={save.error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t("common.save")}
          </button>
          <button type="button" onClick={onClose}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function DeleteCustomField({ field, onClose }: { field: CustomFieldRead; onClose: () => void }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => ok(customFieldsDelete({ client, path: { field_id: field.id }, headers: { "if-match": etagOf(field.version) } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["custom-fields"] });
      onClose();
    },
  });
  return (
    <Dialog title={t("admin.deleteField")} onClose={onClose}>
      <p>{t("admin.deleteFieldConfirm", { label: field.label })}</p>
      <SaveProblem error={remove.error} />
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
