// My day: planned interactions and tasks, overdue first, and the reminders that are due.
import {
  type AgendaItemRead,
  interactionsComplete,
  meAgenda,
  meReminders,
  meRemindersAcknowledge,
  tasksUpdate,
} from "@crm/sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "react-router";

import { etagOf, ok } from "../api";
import { useAuth } from "../auth";
import { ErrorMessage, Loading, PageHeader } from "../components/ui";
import { type MessageKey, useI18n } from "../i18n";
import { useOutcomes } from "../lookups";

function windowOfDays(back: number, ahead: number): { from: string; to: string } {
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  const from = new Date(start.getTime() - back * 86_400_000);
  const to = new Date(start.getTime() + (ahead + 1) * 86_400_000);
  return { from: from.toISOString(), to: to.toISOString() };
}

export function MyDayPage() {
  const { t } = useI18n();
  const { client, can } = useAuth();
  const [range] = useState(() => windowOfDays(30, 7));
  const agenda = useQuery({
    queryKey: ["agenda", range],
    queryFn: () => ok(meAgenda({ client, query: range })),
  });
  const reminders = useQuery({
    queryKey: ["reminders"],
    enabled: can("tasks:read"),
    queryFn: () => ok(meReminders({ client })),
    refetchInterval: 60_000,
  });
  const items = agenda.data?.items ?? [];
  const overdue = items.filter((i) => i.overdue);
  const upcoming = items.filter((i) => !i.overdue);

  return (
    <>
      <PageHeader title={t("myday.title")} />
      {can("tasks:read") ? <Reminders reminders={reminders.data ?? []} error={reminders.error} /> : null}
      {agenda.isLoading ? <Loading /> : null}
      <ErrorMessage error={agenda.error} />
      <section aria-labelledby="overdue-title" className="card">
        <h2 id="overdue-title">
          {t("myday.overdue")} <span className="count">{overdue.length}</span>
        </h2>
        {overdue.length === 0 ? <p className="muted">{t("myday.nothingOverdue")}</p> : <AgendaList items={overdue} />}
      </section>
      <section aria-labelledby="upcoming-title" className="card">
        <h2 id="upcoming-title">
          {t("myday.upcoming")} <span className="count">{upcoming.length}</span>
        </h2>
        {upcoming.length === 0 ? <p className="muted">{t("myday.nothingPlanned")}</p> : <AgendaList items={upcoming} />}
      </section>
    </>
  );
}

function Reminders({ reminders, error }: { reminders: Array<{ id: string; title: string; due_at: string | null; contact_id: string | null }>; error: unknown }) {
  const { t, dateTime } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const dismiss = useMutation({
    mutationFn: (id: string) => ok(meRemindersAcknowledge({ client, path: { task_id: id } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["reminders"] }),
  });
  if (reminders.length === 0 && !error) return null;
  return (
    <section aria-labelledby="reminders-title" className="card reminders">
      <h2 id="reminders-title">
        {t("myday.reminders")} <span className="count">{reminders.length}</span>
      </h2>
      <ErrorMessage error={error ?? dismiss.error} />
      <ul className="plain">
        {reminders.map((r) => (
          <li key={r.id} className="row">
            <span>
              {r.contact_id ? <Link to={`/contacts/${r.contact_id}`}>{r.title}</Link> : r.title}{" "}
              <span className="muted small">{dateTime(r.due_at)}</span>
            </span>
            <button type="button" onClick={() => dismiss.mutate(r.id)}>
              {t("myday.dismiss")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AgendaList({ items }: { items: AgendaItemRead[] }) {
  return (
    <ul className="agenda">
      {items.map((item) => (
        <AgendaEntry key={item.interaction?.id ?? item.task?.id} item={item} />
      ))}
    </ul>
  );
}

function AgendaEntry({ item }: { item: AgendaItemRead }) {
  const { t, dateTime } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const outcomes = useOutcomes();
  const [outcome, setOutcome] = useState("");
  const outcomeId = useId();
  const complete = useMutation({
    mutationFn: async () => {
      if (item.task) {
        return ok(tasksUpdate({ client, path: { task_id: item.task.id }, headers: { "if-match": etagOf(item.task.version) }, body: { status: "done" } }));
      }
      return ok(interactionsComplete({ client, path: { interaction_id: item.interaction!.id }, body: { outcome } }));
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["agenda"] });
      void queryClient.invalidateQueries({ queryKey: ["reminders"] });
    },
  });
  const contactId = item.task?.contact_id ?? item.interaction?.contact_id;
  const title = item.task?.title ?? (item.interaction?.subject || t(`channel.${item.interaction?.channel ?? "other"}` as MessageKey));
  const kind = item.task ? t("timeline.task") : t(`channel.${item.interaction!.channel}` as MessageKey);
  return (
    <li className={item.overdue ? "agenda-item overdue" : "agenda-item"}>
      <time dateTime={item.at}>{dateTime(item.at)}</time>
      <span className="timeline-kind">{kind}</span>
      <span className="agenda-title">{contactId ? <Link to={`/contacts/${contactId}`}>{title}</Link> : title}</span>
      <span className="agenda-actions">
        {item.interaction ? (
          <>
            <label htmlFor={outcomeId} className="visually-hidden">
              {t("log.outcome")}: {title}
            </label>
            <select id={outcomeId} value={outcome} onChange={(e) => setOutcome(e.target.value)}>
              <option value="">{t("log.outcome")}…</option>
              {(outcomes.data?.items ?? [])
                .filter((o) => o.active)
                .map((o) => (
                  <option key={o.key} value={o.key}>
                    {o.label}
                  </option>
                ))}
            </select>
          </>
        ) : null}
        <button type="button" onClick={() => complete.mutate()} disabled={complete.isPending || (Boolean(item.interaction) && !outcome)}>
          {t("myday.done")}
        </button>
      </span>
      <ErrorMessage error={complete.error} />
    </li>
  );
}
