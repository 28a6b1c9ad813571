// Register a customer request: from the Requests page (pick the contact) or from a
// contact's page (the contact is given). Who gets it when nobody is named is the API's
// call; the new request's page opens once it is saved.
import { type RequestChannel, type RequestPriority, requestsCreate } from "@crm/sdk";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";

import { fieldErrors, ok } from "../api";
import { useAuth } from "../auth";
import { type Choice, RecordPicker } from "../components/RecordPicker";
import { Dialog, ErrorMessage, Field } from "../components/ui";
import { type MessageKey, useI18n } from "../i18n";
import { useRecordSearch, useRequestAssignees } from "../lookups";

export const REQUEST_CHANNELS: RequestChannel[] = ["email", "call", "chat", "social", "web_form", "in_person", "other"];
export const REQUEST_PRIORITIES: RequestPriority[] = ["low", "normal", "high", "urgent"];

export function NewRequestDialog({ contact, onClose }: { contact?: Choice; onClose: () => void }) {
  const { t } = useI18n();
  const { client, claims } = useAuth();
  const assignees = useRequestAssignees();
  const search = useRecordSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<Choice | null>(contact ?? null);
  const [channel, setChannel] = useState<RequestChannel>("email");
  const [subject, setSubject] = useState("");
  const [description, setDescription] = useState("");
  const [priority, setPriority] = useState<RequestPriority>("normal");
  const [assignee, setAssignee] = useState("");
  const create = useMutation({
    mutationFn: () =>
      ok(
        requestsCreate({
          client,
          body: {
            contact_id: picked?.id ?? "",
            channel,
            subject: subject.trim(),
            description: description.trim() || null,
            priority,
            ...(assignee ? { assignee_id: assignee } : {}),
          },
        }),
      ),
    onSuccess: (made) => {
      void queryClient.invalidateQueries({ queryKey: ["requests"] });
      void queryClient.invalidateQueries({ queryKey: ["timeline", made.contact_id] });
      onClose();
      void navigate(`/requests/${made.id}`);
    },
  });
  const errors = fieldErrors(create.error);
  return (
    <Dialog title={t("requests.new")} onClose={onClose}>
      <form
        className="stack"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        {contact ? (
          <p>
            {t("requests.contact")}: <strong>{contact.label}</strong>
          </p>
        ) : (
          <RecordPicker
            label={t("requests.contact")}
            kind="contacts"
            value={picked}
            error={errors.contact_id}
            onChange={setPicked}
            search={search.contacts}
          />
        )}
        <Field label={t("requests.subject")} error={errors.subject}>
          {(props) => <input {...props} required maxLength={300} value={subject} onChange={(e) => setSubject(e.target.value)} />}
        </Field>
        <Field label={t("requests.channel")} error={errors.channel}>
          {(props) => (
            <select {...props} value={channel} onChange={(e) => setChannel(e.target.value as RequestChannel)}>
              {REQUEST_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`channel.${c}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("requests.priority")} error={errors.priority}>
          {(props) => (
            <select {...props} value={priority} onChange={(e) => setPriority(e.target.value as RequestPriority)}>
              {REQUEST_PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`priority.${p}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("requests.description")} error={errors.description}>
          {(props) => <textarea {...props} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <Field label={t("requests.assignee")} error={errors.assignee_id} hint={t("requests.assigneeHint")}>
          {(props) => (
            <select {...props} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
              <option value="">{t("requests.assigneeAuto")}</option>
              {assignees.some((u) => u.id === claims?.sub) ? <option value={claims!.sub}>{t("common.me")}</option> : null}
              {assignees
                .filter((u) => u.id !== claims?.sub)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.full_name}
                  </option>
                ))}
            </select>
          )}
        </Field>
        {Object.keys(errors).length === 0 ? <ErrorMessage error={create.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {t("common.create")}
          </button>
          <button type="button" onClick={onClose}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
