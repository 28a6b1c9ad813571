// A team's lead rotation (GET/PUT/DELETE /teams/{id}/rotation): who takes inbound leads in
// turn, each member pausable (a holiday) or taken off. The API decides who may be listed
// (members of the team who may own contacts) and says why when it refuses.
import { type TeamRead, teamsRotationGet, teamsRotationMemberDelete, teamsRotationMemberPut, type UserRead } from "@crm/sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { fieldErrors, ok } from "../api";
import { useAuth } from "../auth";
import { useI18n } from "../i18n";
import { ErrorMessage, Field, fieldErrorText } from "./ui";

export function LeadRotation({ team, users }: { team: TeamRead; users: UserRead[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const key = ["rotation", team.id];
  const rotation = useQuery({ queryKey: key, queryFn: () => ok(teamsRotationGet({ client, path: { team_id: team.id } })) });
  const [adding, setAdding] = useState("");
  const done = () => void queryClient.invalidateQueries({ queryKey: key });
  const put = useMutation({
    mutationFn: ({ userId, paused }: { userId: string; paused: boolean }) =>
      ok(teamsRotationMemberPut({ client, path: { team_id: team.id, user_id: userId }, body: { paused } })),
    onSuccess: () => {
      setAdding("");
      done();
    },
  });
  const remove = useMutation({
    mutationFn: (userId: string) => ok(teamsRotationMemberDelete({ client, path: { team_id: team.id, user_id: userId } })),
    onSuccess: done,
  });
  const members = rotation.data?.members ?? [];
  const listed = new Set(members.map((m) => m.user_id));
  const candidates = users.filter((u) => u.team_id === team.id && u.is_active && !listed.has(u.id));
  const errors = fieldErrors(put.error);
  return (
    <div className="rotation">
      <h3>{t("rotation.title", { team: team.name })}</h3>
      <ErrorMessage error={rotation.error ?? remove.error} />
      {rotation.data && members.length === 0 ? <p className="muted small">{t("rotation.empty")}</p> : null}
      <ul className="plain">
        {members.map((m) => (
          <li key={m.user_id}>
            {m.full_name} {m.paused ? <span className="badge">{t("rotation.paused")}</span> : null}{" "}
            <button
              type="button"
              aria-label={`${m.paused ? t("rotation.resume") : t("rotation.pause")} ${m.full_name}`}
              onClick={() => put.mutate({ userId: m.user_id, paused: !m.paused })}
            >
              {m.paused ? t("rotation.resume") : t("rotation.pause")}
            </button>{" "}
            <button type="button" aria-label={`${t("rotation.remove")} ${m.full_name}`} onClick={() => remove.mutate(m.user_id)}>
              {t("rotation.remove")}
            </button>
          </li>
        ))}
      </ul>
      {candidates.length ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (adding) put.mutate({ userId: adding, paused: false });
          }}
        >
          <Field label={t("rotation.add")} error={errors.user_id}>
            {(props) => (
              <select {...props} value={adding} onChange={(e) => setAdding(e.target.value)}>
                <option value="">—</option>
                {candidates.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.full_name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" disabled={!adding || put.isPending}>
            {t("rotation.addButton")}
          </button>
        </form>
      ) : null}
      {put.error && !errors.user_id ? <ErrorMessage error={put.error} /> : null}
      {errors.user_id && !candidates.length ? <p className="field-error">{fieldErrorText(errors.user_id, i18n)}</p> : null}
    </div>
  );
}
