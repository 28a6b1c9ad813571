import type { ContactRead, InteractionRead, TaskRead, UserRead } from "@crm/sdk";
import { useEffect, useState } from "react";
import { Pressable, ScrollView, View } from "react-native";

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

type Row =
  | { kind: "task"; task: TaskRead; about: string | null; when: string | null }
  | { kind: "planned"; interaction: InteractionRead; about: string | null; when: string | null };

function groupOf(when: string | null, now: Date): Group {
  if (!when) return "later";
  const due = new Date(when).getTime();
  if (due < now.getTime()) return "overdue";
  if (due < startOfDay(now, 1)) return "today";
  if (due < startOfDay(now, 2)) return "tomorrow";
  return "later";
}

/**
 * My open tasks and my planned calls and meetings, from the phone's copy: overdue first,
 * then today, tomorrow, later; within each, by time.
 */
export function MyDayScreen({ onBack, onOpenContact }: { onBack: () => void; onOpenContact: (id: string) => void }) {
  const { t } = useI18n();
  const { store, revision } = useApp();
  const [rows, setRows] = useState<Row[] | null>(null);

  useEffect(() => {
    let current = true;
    void (async () => {
      const me = JSON.parse((await store.getMeta(META_ME)) ?? "null") as UserRead | null;
      // The task index sorts open tasks first, earliest due first.
      const all = await store.searchRecords<TaskRead>("task", "", SHOWN);
      const mine = all.map((r) => r.data).filter((task) => task.status === "open" && me !== null && task.assignee_id === me.id);
      const planned = (await store.searchRecords<InteractionRead>("interaction", "", SHOWN))
        .map((r) => r.data)
        .filter((i) => i.status === "planned" && me !== null && (i.owner_id === me.id || (i.user_ids ?? []).includes(me.id)));
      const name = async (id: string | null | undefined) =>
        id ? ((await store.getRecord<ContactRead>("contact", id))?.data.full_name ?? null) : null;
      const found: Row[] = [
        ...(await Promise.all(mine.map(async (task) => ({ kind: "task" as const, task, about: await name(task.contact_id), when: task.due_at })))),
        ...(await Promise.all(
          planned.map(async (interaction) => ({
            kind: "planned" as const,
            interaction,
            about: await name(interaction.contact_id),
            when: interaction.scheduled_at ?? interaction.at ?? null,
          })),
        )),
      ];
      // By time (none last); the sort is stable, so tasks keep their own order.
      found.sort((a, b) => (a.when ?? "~").localeCompare(b.when ?? "~"));
      if (current) setRows(found);
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
        {rows === null ? <Body muted>{t("common.loading")}</Body> : null}
        {rows !== null && rows.length === 0 ? <Body muted>{t("myday.empty")}</Body> : null}
        {GROUPS.map((group) => {
          const inGroup = (rows ?? []).filter((row) => groupOf(row.when, now) === group);
          if (inGroup.length === 0) return null;
          return (
            <View key={group} style={{ gap: 4 }}>
              <Subtitle>{t(`myday.${group}`)}</Subtitle>
              {inGroup.map((row) =>
                row.kind === "task" ? (
                  <TaskRow
                    key={row.task.id}
                    task={row.task}
                    about={row.about}
                    onOpen={row.task.contact_id ? () => onOpenContact(row.task.contact_id!) : undefined}
                  />
                ) : (
                  <PlannedRow key={row.interaction.id} row={row} onOpenContact={onOpenContact} />
                ),
              )}
            </View>
          );
        })}
      </ScrollView>
    </Screen>
  );
}

/** A planned call or meeting: what, with whom, when; opens the contact (to log it when done). */
function PlannedRow({ row, onOpenContact }: { row: Extract<Row, { kind: "planned" }>; onOpenContact: (id: string) => void }) {
  const { t, dateTime } = useI18n();
  const { interaction, about } = row;
  const kind = interaction.channel === "meeting" ? t("log.meeting") : interaction.channel === "call" ? t("log.call") : interaction.channel;
  const head = t("myday.planned", { kind, subject: interaction.subject || interaction.body || "" });
  const text = (
    <>
      <Body>{head}</Body>
      {about ? <Body muted>{about}</Body> : null}
      {row.when ? <Body muted>{t("myday.at", { when: dateTime(row.when) })}</Body> : null}
    </>
  );
  const contactId = interaction.contact_id;
  if (!contactId) {
    return (
      <View accessible style={{ minHeight: 48, justifyContent: "center" }}>
        {text}
      </View>
    );
  }
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={about ? `${t("contact.open", { name: about })}: ${head}` : head}
      onPress={() => onOpenContact(contactId)}
      style={{ minHeight: 48, justifyContent: "center" }}
    >
      {text}
    </Pressable>
  );
}
