// Who is in which team (users:manage): a team's members, adding a user to it (taking them
// out of their former team) and taking one out, each a change of the user's team with
// If-Match; the team's round-robin distribution of new requests and leads; deleting a
// team (the API refuses while it has members, and says so). The API decides who may be
// changed and answers with problems shown here.
import { type TeamRead, teamsDelete, teamsDistributionGet, teamsDistributionSet, type UserRead, usersUpdate } from "@crm/sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";

import { ApiError, etagOf, fieldErrors, ok } from "../api";
import { useAuth } from "../auth";
import { useI18n } from "../i18n";
import { Dialog, ErrorMessage, Field, SaveProblem } from "./ui";

export function TeamMembers({ team, users, teams }: { team: TeamRead; users: UserRead[]; teams: TeamRead[] }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [adding, setAdding] = useState("");
  const [deleting, setDeleting] = useState(false);
  const teamName = new Map(teams.map((x) => [x.id, x.name]));
  const members = users.filter((u) => u.team_id === team.id);
  const others = users.filter((u) => u.team_id !== team.id && u.is_active);
  const reload = () => void queryClient.invalidateQueries({ queryKey: ["users"] });
  const move = useMutation({
    mutationFn: ({ user, teamId }: { user: UserRead; teamId: string | null }) =>
      ok(usersUpdate({ client, path: { user_id: user.id }, headers: { "if-match": etagOf(user.version) }, body: { team_id: teamId } })),
    onSuccess: () => {
      setAdding("");
      reload();
    },
  });
  const errors = fieldErrors(move.error);
  return (
    <section className="team-members" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("teams.membersOf", { team: team.name })}</h3>
      {members.length === 0 ? <p className="muted small">{t("teams.noMembers")}</p> : null}
      <ul className="plain">
        {members.map((u) => (
          <li key={u.id}>
            {u.full_name} <span className="muted small">{u.email}</span>{" "}
            <button
              type="button"
              aria-label={`${t("teams.remove")}: ${u.full_name}`}
              disabled={move.isPending}
              onClick={() => move.mutate({ user: u, teamId: null })}
            >
              {t("teams.remove")}
            </button>
          </li>
        ))}
      </ul>
      {others.length ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const user = others.find((u) => u.id === adding);
            if (user) move.mutate({ user, teamId: team.id });
          }}
        >
          <Field label={t("teams.addTo", { team: team.name })} error={errors.team_id}>
            {(props) => (
              <select {...props} value={adding} onChange={(e) => setAdding(e.target.value)}>
                <option value="">—</option>
                {others.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.team_id ? t("teams.userFromTeam", { name: u.full_name, team: teamName.get(u.team_id) ?? "—" }) : u.full_name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" disabled={!adding || move.isPending}>
            {t("teams.add")}
          </button>
        </form>
      ) : null}
      {errors.team_id ? null : <SaveProblem error={move.error} onReload={reload} />}
      <DistributionSwitch team={team} />
      <div>
        <button type="button" className="danger" aria-label={`${t("teams.delete")}: ${team.name}`} onClick={() => setDeleting(true)}>
          {t("teams.delete")}
        </button>
      </div>
      {deleting ? <DeleteTeam team={team} onClose={() => setDeleting(false)} /> : null}
    </section>
  );
}

/** Whether the team's new requests and inbound leads go to its members in turn. */
function DistributionSwitch({ team }: { team: TeamRead }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const key = ["distribution", team.id];
  const current = useQuery({ queryKey: key, queryFn: () => ok(teamsDistributionGet({ client, path: { team_id: team.id } })) });
  const save = useMutation({
    mutationFn: (body: { requests: boolean; leads: boolean }) => ok(teamsDistributionSet({ client, path: { team_id: team.id }, body })),
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
  });
  const value = current.data;
  return (
    <fieldset className="stack">
      <legend>{t("teams.distribution", { team: team.name })}</legend>
      <ErrorMessage error={current.error ?? save.error} />
      {value ? (
        <>
          <label className="check">
            <input
              type="checkbox"
              checked={value.requests}
              disabled={save.isPending}
              onChange={(e) => save.mutate({ ...value, requests: e.target.checked })}
            />{" "}
            {t("teams.distributeRequests")}
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={value.leads}
              disabled={save.isPending}
              onChange={(e) => save.mutate({ ...value, leads: e.target.checked })}
            />{" "}
            {t("teams.distributeLeads")}
          </label>
        </>
      ) : null}
    </fieldset>
  );
}

function DeleteTeam({ team, onClose }: { team: TeamRead; onClose: () => void }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => ok(teamsDelete({ client, path: { team_id: team.id }, headers: { "if-match": etagOf(team.version) } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["teams"] });
      onClose();
    },
  });
  const conflict = remove.error instanceof ApiError && remove.error.status === 409;
  return (
    <Dialog title={t("teams.deleteTitle", { team: team.name })} onClose={onClose}>
      <p>{t("teams.deleteConfirm", { team: team.name })}</p>
      {conflict ? (
        <p className="error" role="alert">
          {t("teams.deleteRefused")}
        </p>
      ) : (
        <SaveProblem error={remove.error} onReload={() => void queryClient.invalidateQueries({ queryKey: ["teams"] })} />
      )}
      <div className="form-actions">
        <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
          {t("teams.delete")}
        </button>
        <button type="button" onClick={onClose}>
          {t("common.cancel")}
        </button>
      </div>
    </Dialog>
  );
}
