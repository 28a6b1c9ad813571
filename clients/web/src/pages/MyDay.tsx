// My day, where a rep starts the day: planned interactions and tasks grouped into
// Overdue, Today, Tomorrow and Later (days as the browser's time zone counts them), each
// row naming whom and what it is about, with snooze, reschedule and done; tasks added
// here; and the reminders that are due.
import {
  type AgendaItemRead,
  interactionsComplete,
  interactionsUpdate,
  meAgenda,
  meReminders,
  meRemindersAcknowledge,
  tasksCreate,
  tasksUpdate,
} from "@crm/sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useRef, useState } from "react";
import { Link } from "react-router";

import { etagOf, fieldErrors, isConflict, ok } from "../api";
import { useAuth } from "../auth";
import { type Choice, RecordPicker } from "../components/RecordPicker";
import { Dialog, ErrorMessage, Field, Loading, PageHeader } from "../components/ui";
import { type MessageKey, useI18n } from "../i18n";
import { useOutcomes, useRecordSearch } from "../lookups";

const DAY_START_HOUR = 9;

/** Midnight `days` days after the day of `moment`, in the browser's time zone. */
export function startOfDay(moment: Date, days = 0): Date {
  const day = new Date(moment);
  day.setHours(0, 0, 0, 0);
  day.setDate(day.getDate() + days);
  return day;
}

function windowOfDays(back: number, ahead: number): { from: string; to: string } {
  const now = new Date();
  return { from: startOfDay(now, -back).toISOString(), to: startOfDay(now, ahead + 1).toISOString() };
}

export type GroupKey = "overdue" | "today" | "tomorrow" | "later";
export const GROUPS: readonly GroupKey[] = ["overdue", "today", "tomorrow", "later"];

/** The agenda by day: what the API calls overdue first, then today, tomorrow and later,
 * each in the API's order (by time). */
export function groupAgenda(items: readonly AgendaItemRead[], now: Date): Record<GroupKey, AgendaItemRead[]> {
  const groups: Record<GroupKey, AgendaItemRead[]> = { overdue: [], today: [], tomorrow: [], later: [] };
  const tomorrow = startOfDay(now, 1).getTime();
  const afterTomorrow = startOfDay(now, 2).getTime();
  for (const item of items) {
    const at = new Date(item.at).getTime();
    const key: GroupKey = item.overdue ? "overdue" : at < tomorrow ? "today" : at < afterTomorrow ? "tomorrow" : "later";
    groups[key].push(item);
  }
  return groups;
}

export type SnoozeKey = "hour" | "tomorrow" | "nextWeek";

/** When a snooze moves an item to: an hour from now, tomorrow at 9:00, or next Monday at 9:00. */
export function snoozedUntil(key: SnoozeKey, now: Date): Date {
  if (key === "hour") return new Date(now.getTime() + 3_600_000);
  const daysAhead = key === "tomorrow" ? 1 : ((8 - now.getDay()) % 7 || 7);
  const day = startOfDay(now, daysAhead);
  day.setHours(DAY_START_HOUR);
  return day;
}

/** `2026-12-07T14:30` in the browser's time zone, for a datetime-local input. */
export function localInputValue(moment: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}T${pad(moment.getHours())}:${pad(moment.getMinutes())}`;
}

const EMPTY: Record<GroupKey, MessageKey> = {
  overdue: "myday.nothingOverdue",
  today: "myday.nothingToday",
  tomorrow: "myday.nothingTomorrow",
  later: "myday.nothingLater",
};

export function MyDayPage() {
  const { t } = useI18n();
  const { client, can } = useAuth();
  const [range] = useState(() => windowOfDays(30, 7));
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState("");
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
  const groups = groupAgenda(agenda.data?.items ?? [], new Date());

  return (
    <>
      <PageHeader
        title={t("myday.title")}
        actions={
          can("tasks:write") ? (
            <button type="button" className="primary" onClick={() => setAdding(true)}>
              {t("myday.addTask")}
            </button>
          ) : null
        }
      />
      <p role="status" className="muted">
        {notice}
      </p>
      {adding ? (
        <AddTaskDialog
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            setNotice(t("myday.taskAdded"));
          }}
        />
      ) : null}
      {can("tasks:read") ? <Reminders reminders={reminders.data ?? []} error={reminders.error} /> : null}
      {agenda.isLoading ? <Loading /> : null}
      <ErrorMessage error={agenda.error} />
      {GROUPS.map((key) => (
        <section key={key} aria-labelledby={`myday-${key}`} className="card">
          <h2 id={`myday-${key}`}>
            {t(`myday.${key}` as MessageKey)}{" "}
            <span className="count" aria-hidden="true">
              {groups[key].length}
            </span>
            <span className="visually-hidden">{t("myday.count", { count: groups[key].length })}</span>
          </h2>
          {groups[key].length === 0 ? (
            <p className="muted">{t(EMPTY[key])}</p>
          ) : (
            <ul className="agenda">
              {groups[key].map((item) => (
                <AgendaEntry key={item.interaction?.id ?? item.task?.id} item={item} onMoved={setNotice} />
              ))}
            </ul>
          )}
        </section>
      ))}
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

/** Whom and what an item is about: its contact (linked), company and deal, as far as the
 * API named them for this user. */
function About({ item }: { item: AgendaItemRead }) {
  const parts = [
    item.contact ? <Link key="contact" to={`/contacts/${item.contact.id}`}>{item.contact.name}</Link> : null,
    item.company ? <Link key="company" to={`/companies/${item.company.id}`}>{item.company.name}</Link> : null,
    item.deal ? <Link key="deal" to={`/deals/${item.deal.id}`}>{item.deal.name}</Link> : null,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <span className="agenda-about small">
      {parts.flatMap((part, index) => (index === 0 ? [part] : [<span key={`sep-${index}`} aria-hidden="true"> · </span>, part]))}
    </span>
  );
}

function AgendaEntry({ item, onMoved }: { item: AgendaItemRead; onMoved: (notice: string) => void }) {
  const { t, dateTime } = useI18n();
  const { client, mayChange } = useAuth();
  const queryClient = useQueryClient();
  const outcomes = useOutcomes();
  const [outcome, setOutcome] = useState("");
  const [when, setWhen] = useState(() => localInputValue(new Date(item.at)));
  const outcomeId = useId();
  const hintId = useId();
  const whenId = useId();
  const menu = useRef<HTMLDetailsElement>(null);
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ["agenda"] });
    void queryClient.invalidateQueries({ queryKey: ["reminders"] });
  };
  const complete = useMutation({
    mutationFn: async () => {
      if (item.task) {
        return ok(tasksUpdate({ client, path: { task_id: item.task.id }, headers: { "if-match": etagOf(item.task.version) }, body: { status: "done" } }));
      }
      return ok(interactionsComplete({ client, path: { interaction_id: item.interaction!.id }, body: { outcome } }));
    },
    onSuccess: reload,
    onError: (error) => (isConflict(error) ? reload() : undefined),
  });
  const move = useMutation({
    mutationFn: async (at: Date) => {
      const iso = at.toISOString();
      if (item.task) {
        return ok(tasksUpdate({ client, path: { task_id: item.task.id }, headers: { "if-match": etagOf(item.task.version) }, body: { due_at: iso } }));
      }
      const interaction = item.interaction!;
      return ok(
        interactionsUpdate({
          client,
          path: { interaction_id: interaction.id },
          headers: { "if-match": etagOf(interaction.version) },
          body: { scheduled_at: iso },
        }),
      );
    },
    onSuccess: (_, at) => {
      if (menu.current) menu.current.open = false;
      onMoved(t("myday.moved", { title: titleOf(item), when: dateTime(at.toISOString()) }));
      reload();
    },
    // Someone changed the item meanwhile: show their version; the user tries again.
    onError: (error) => (isConflict(error) ? reload() : undefined),
  });
  const title = titleOf(item);
  const kind = item.task ? t("timeline.task") : t(`channel.${item.interaction!.channel}` as MessageKey);
  const needsOutcome = Boolean(item.interaction) && !outcome;
  // A display hint: the write level reaches the item, a task's assignee and an
  // interaction's participants counting as theirs (the API decides).
  const mayWrite = item.task ? mayChange("tasks", item.task) : item.interaction ? mayChange("interactions", item.interaction) : false;
  const failed = complete.error ?? move.error;
  return (
    <li className={item.overdue ? "agenda-item overdue" : "agenda-item"}>
      <time dateTime={item.at}>{dateTime(item.at)}</time>
      <span className="timeline-kind">{kind}</span>
      <span className="agenda-title">
        <span>{title}</span>
        <About item={item} />
      </span>
      {mayWrite ? (
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
          <button
            type="button"
            onClick={() => complete.mutate()}
            disabled={complete.isPending || needsOutcome}
            aria-describedby={needsOutcome ? hintId : undefined}
          >
            {t("myday.done")}
          </button>
          <details className="snooze" ref={menu}>
            <summary>
              {t("myday.snooze")}
              <span className="visually-hidden">: {title}</span>
            </summary>
            <div className="snooze-panel">
              {(["hour", "tomorrow", "nextWeek"] as const).map((key) => (
                <button key={key} type="button" disabled={move.isPending} onClick={() => move.mutate(snoozedUntil(key, new Date()))}>
                  {t(`myday.snooze.${key}` as MessageKey)}
                </button>
              ))}
              <form
                className="reschedule"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (when) move.mutate(new Date(when));
                }}
              >
                <label htmlFor={whenId}>{t("myday.rescheduleTo")}</label>
                <input id={whenId} type="datetime-local" required value={when} onChange={(e) => setWhen(e.target.value)} />
                <button type="submit" disabled={move.isPending}>
                  {t("myday.reschedule")}
                </button>
              </form>
            </div>
          </details>
        </span>
      ) : null}
      {mayWrite && needsOutcome ? (
        <small id={hintId} className="muted agenda-hint">
          {t("myday.outcomeNeeded")}
        </small>
      ) : null}
      {isConflict(failed) ? (
        <p className="error" role="alert">
          {t("myday.changedMeanwhile")}
        </p>
      ) : (
        <ErrorMessage error={failed} />
      )}
    </li>
  );

  function titleOf(entry: AgendaItemRead): string {
    return entry.task?.title ?? (entry.interaction?.subject || t(`channel.${entry.interaction?.channel ?? "other"}` as MessageKey));
  }
}

function AddTaskDialog({ onClose, onAdded }: { onClose: () => void; onAdded: () => void }) {
  const { t } = useI18n();
  const { client, can } = useAuth();
  const queryClient = useQueryClient();
  const search = useRecordSearch();
  const [title, setTitle] = useState("");
  const [due, setDue] = useState(() => {
    const next = new Date();
    next.setHours(next.getHours() + 1, 0, 0, 0);
    return localInputValue(next);
  });
  const [contact, setContact] = useState<Choice | null>(null);
  const add = useMutation({
    mutationFn: () =>
      ok(
        tasksCreate({
          client,
          body: { title, due_at: due ? new Date(due).toISOString() : null, ...(contact ? { contact_id: contact.id } : {}) },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["agenda"] });
      onAdded();
    },
  });
  const errors = fieldErrors(add.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <Dialog title={t("myday.addTask")} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Field label={t("myday.taskTitle")} error={errors.title} required>
          {(props) => <input {...props} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field label={t("myday.due")} error={errors.due_at}>
          {(props) => <input {...props} type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />}
        </Field>
        {can("contacts:read") ? (
          <RecordPicker label={t("myday.contact")} kind="contacts" value={contact} onChange={setContact} search={search.contacts} error={errors.contact_id} />
        ) : null}
        {Object.keys(errors).length === 0 ? <ErrorMessage error={add.error} /> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={add.isPending}>
            {t("myday.addTask")}
          </button>
          <button type="button" onClick={onClose}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
