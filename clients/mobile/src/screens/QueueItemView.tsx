import type { PipelineList } from "@crm/sdk";
import { useEffect, useState } from "react";
import { View } from "react-native";

import { useI18n } from "../i18n";
import { useApp } from "../services";
import type { LocalStore, QueueItem } from "../storage/types";
import { META_PIPELINES } from "../sync";
import { Body, Button, Field, styles, useTheme } from "../ui";

/** What a queued write is, in a line. */
export function describe(item: QueueItem, t: ReturnType<typeof useI18n>["t"]): string {
  const p = item.payload;
  if (item.kind === "interaction.create") {
    const kind = p.channel === "meeting" ? t("log.meeting") : t("log.call");
    return [kind, p.outcome, p.body].filter(Boolean).join(" · ");
  }
  if (item.kind === "task.update" && p.status === "done") return `${t("myday.done")} · ${item.label ?? ""}`;
  if (item.kind === "task.create") return `${t("log.nextStep")} · ${String(p.title ?? "")}`;
  if (item.kind === "deal.move") return item.label ?? t("deals.moving", { stage: String(p.stage_id) });
  if (item.kind === "request.update" && typeof p.status === "string") {
    return `${item.label ?? ""} → ${t(`requests.status.${p.status}` as never)}`;
  }
  if (item.kind === "contact.create") return `${t("contacts.new")} · ${String(p.first_name ?? "")} ${String(p.last_name ?? "")}`.trim();
  return Object.entries(p)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(", ");
}

/** Stage names by id (the pipelines kept by the sync), to show a move's stages by name. */
function useStageNames(store: LocalStore, wanted: boolean): Map<string, string> {
  const [names, setNames] = useState(new Map<string, string>());
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    void store.getMeta(META_PIPELINES).then((raw) => {
      const list = raw ? (JSON.parse(raw) as PipelineList) : null;
      if (current) setNames(new Map((list?.items ?? []).flatMap((p) => p.stages.map((stage) => [stage.id, stage.name] as const))));
    });
    return () => {
      current = false;
    };
  }, [store, wanted]);
  return names;
}

/** One queued write: pending, sending, refused with the API's message, or in conflict. */
export function QueueItemView({ item }: { item: QueueItem }) {
  const { t, dateTime } = useI18n();
  const theme = useTheme();
  const { queue, syncNow, store } = useApp();
  const stageNames = useStageNames(store, item.kind === "deal.move" && item.status === "conflict");
  const shown = (key: string, value: unknown) =>
    value === undefined || value === null ? "–" : key === "stage_id" ? (stageNames.get(String(value)) ?? String(value)) : String(value);
  // Values for the fields the API's problem named, to send the item again with them.
  const [fixes, setFixes] = useState<Record<string, string>>({});
  const named = item.status === "failed" ? (item.fieldErrors ?? []).filter((e) => !e.field.includes(".")) : [];
  const status =
    item.status === "failed"
      ? t("queue.failed", { message: item.error ?? "" })
      : item.status === "conflict"
        ? t("queue.conflict")
        : item.status === "sending"
          ? t("queue.sending")
          : t("queue.pending");
  const color = item.status === "failed" || item.status === "conflict" ? theme.danger : theme.warning;
  return (
    <View
      testID={`queue-item-${item.id}`}
      style={{ borderWidth: 1, borderColor: theme.border, borderRadius: 10, padding: 12, gap: 8, backgroundColor: theme.card }}
    >
      <Body>{describe(item, t)}</Body>
      <Body muted>{dateTime(item.createdAt)}</Body>
      <View accessibilityLiveRegion="polite" accessible>
        <Body color={color}>{status}</Body>
      </View>
      {item.status === "conflict" ? (
        <View style={{ gap: 8 }}>
          {Object.entries(item.payload).map(([key, mine]) => (
            <View key={key}>
              <Body muted>{key}</Body>
              <Body>{`${t("queue.mine")}: ${shown(key, mine)}`}</Body>
              <Body>{`${t("queue.theirs")}: ${shown(key, item.serverData?.[key])}`}</Body>
            </View>
          ))}
          <View style={styles.row}>
            <Button
              label={t("queue.keepMine")}
              onPress={async () => {
                await queue.resolve(item.id, "mine");
                void syncNow();
              }}
            />
            <Button kind="secondary" label={t("queue.takeTheirs")} onPress={() => void queue.resolve(item.id, "theirs")} />
          </View>
        </View>
      ) : null}
      {named.map((error) => (
        <Field
          key={error.field}
          label={t("queue.fieldFix", { field: error.field, message: error.message })}
          value={fixes[error.field] ?? String(item.payload[error.field] ?? "")}
          onChangeText={(text) => setFixes((current) => ({ ...current, [error.field]: text }))}
        />
      ))}
      {named.length > 0 ? (
        <Button
          label={t("queue.fix")}
          onPress={async () => {
            await queue.amend(item.id, fixes);
            void syncNow();
          }}
        />
      ) : null}
      {item.status === "failed" ? (
        <View style={styles.row}>
          <Button
            kind="secondary"
            label={t("queue.retry")}
            onPress={async () => {
              await queue.retry(item.id);
              void syncNow();
            }}
          />
          <Button kind="danger" label={t("queue.discard")} onPress={() => void queue.discard(item.id)} />
        </View>
      ) : null}
    </View>
  );
}
