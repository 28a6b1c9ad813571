import type { TaskRead } from "@crm/sdk";
import { Pressable, View } from "react-native";

import { useI18n } from "../i18n";
import { useApp } from "../services";
import { Body, Button, styles, useTheme } from "../ui";

/** An open task: title, what it is about, when it is due (red when overdue), and "Done". */
export function TaskRow({ task, about, onOpen }: { task: TaskRead; about?: string | null; onOpen?: () => void }) {
  const { t, dateTime } = useI18n();
  const theme = useTheme();
  const { items, write } = useApp();
  const queued = items.some((item) => item.kind === "task.update" && item.recordId === task.id);
  const overdue = task.due_at !== null && new Date(task.due_at) < new Date();
  const text = (
    <>
      <Body>{task.title}</Body>
      {about ? <Body muted>{about}</Body> : null}
      {task.due_at ? (
        <Body muted color={overdue ? theme.danger : undefined}>
          {t("timeline.due", { when: dateTime(task.due_at) })}
        </Body>
      ) : null}
    </>
  );
  return (
    <View style={[styles.row, { alignItems: "center", justifyContent: "space-between", flexWrap: "nowrap" }]}>
      {onOpen ? (
        <Pressable
          accessibilityRole="button"
          onPress={onOpen}
          style={{ minHeight: 48, justifyContent: "center", flexShrink: 1, flexGrow: 1 }}
        >
          {text}
        </Pressable>
      ) : (
        <View accessible style={{ minHeight: 48, justifyContent: "center", flexShrink: 1, flexGrow: 1 }}>
          {text}
        </View>
      )}
      {queued ? (
        <Body color={theme.warning}>{t("queue.pending")}</Body>
      ) : (
        <Button
          kind="secondary"
          label={t("myday.done")}
          accessibilityLabel={t("task.markDone", { title: task.title })}
          onPress={() =>
            void write({ kind: "task.update", recordId: task.id, label: task.title, payload: { status: "done" }, ifMatch: task.version })
          }
        />
      )}
    </View>
  );
}
