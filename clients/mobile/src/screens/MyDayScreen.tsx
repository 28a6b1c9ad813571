import type { ContactRead, TaskRead, UserRead } from "@crm/sdk";
import { useEffect, useState } from "react";
import { ScrollView, View } from "react-native";

import { useI18n } from "../i18n";
import { useApp } from "../services";
import { META_ME } from "../sync";
import { Body, Button, Screen, styles, Subtitle, Title } from "../ui";
import { StatusLine } from "./StatusLine";
import { TaskRow } from "./TaskRow";

type Group = "overdue" | "today" | "tomorrow" | "later";
const GROUPS: Group[] = ["overdue", "today", "tomorrow", "later"];
const SHOWN = 500;

function startOfDay(date: Date, plusDays = 0): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + plusDays).getTime();
}

function groupOf(task: TaskRead, now: Date): Group {
  if (!task.due_at) return "later";
  const due = new Date(task.due_at).getTime();
  if (due < now.getTime()) return "overdue";
  if (due < startOfDay(now, 1)) return "today";
  if (due < startOfDay(now, 2)) return "tomorrow";
  return "later";
}

/** My open tasks from the phone's copy: overdue first, then today, tomorrow, later. */
export function MyDayScreen({ onBack, onOpenContact }: { onBack: () => void; onOpenContact: (id: string) => void }) {
  const { t } = useI18n();
  const { store, revision } = useApp();
  const [tasks, setTasks] = useState<Array<{ task: TaskRead; about: string | null }> | null>(null);

  useEffect(() => {
    let current = true;
    void (async () => {
      const me = JSON.parse((await store.getMeta(META_ME)) ?? "null") as UserRead | null;
      // The task index sorts open tasks first, earliest due first.
      const all = await store.searchRecords<TaskRead>("task", "", SHOWN);
      const mine = all.map((r) => r.data).filter((task) => task.status === "open" && me !== null && task.assignee_id === me.id);
      const rows = await Promise.all(
        mine.map(async (task) => ({
          task,
          about: task.contact_id ? ((await store.getRecord<ContactRead>("contact", task.contact_id))?.data.full_name ?? null) : null,
        })),
      );
      if (current) setTasks(rows);
    })();
    return () => {
      current = false;
    };
  }, [store, revision]);

  const now = new Date();
  return (
    <Screen>
      <View style={[styles.row, { alignItems: "center" }]}>
        <Button kind="secondary" label={t("common.back")} onPress={onBack} />
        <Title>{t("myday.title")}</Title>
      </View>
      <StatusLine />
      <ScrollView contentContainerStyle={{ gap: 8 }}>
        {tasks === null ? <Body muted>{t("common.loading")}</Body> : null}
        {tasks !== null && tasks.length === 0 ? <Body muted>{t("myday.empty")}</Body> : null}
        {GROUPS.map((group) => {
          const rows = (tasks ?? []).filter((row) => groupOf(row.task, now) === group);
          if (rows.length === 0) return null;
          return (
            <View key={group} style={{ gap: 4 }}>
              <Subtitle>{t(`myday.${group}`)}</Subtitle>
              {rows.map(({ task, about }) => (
                <TaskRow
                  key={task.id}
                  task={task}
                  about={about}
                  onOpen={task.contact_id ? () => onOpenContact(task.contact_id!) : undefined}
                />
              ))}
            </View>
          );
        })}
      </ScrollView>
    </Screen>
  );
}
