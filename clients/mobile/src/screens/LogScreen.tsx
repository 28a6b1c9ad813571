import type { ContactRead, OutcomeList } from "@crm/sdk";
import { useEffect, useState } from "react";
import { ScrollView, View } from "react-native";

import { useI18n } from "../i18n";
import { idMapKey } from "../queue";
import { useApp } from "../services";
import { isLocalId } from "../storage/types";
import { META_OUTCOMES } from "../sync";
import { Body, Button, Field, Screen, styles, Title } from "../ui";

type NextIn = 1 | 3 | 7;
const NEXT_IN: Array<[NextIn, "log.due.tomorrow" | "log.due.3days" | "log.due.week"]> = [
  [1, "log.due.tomorrow"],
  [3, "log.due.3days"],
  [7, "log.due.week"],
];

/** That many days from today, at 9:00 on the phone's clock. */
function dueIn(days: number): string {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, 9, 0, 0).toISOString();
}

/**
 * "Log what just happened", in one screen after a call or a visit: call or meeting, the
 * outcome (the API's list, kept for offline use), a note. Saved to the write queue at once,
 * with the time it happened; sent when online. An optional next step becomes a task on the
 * contact, due on the day chosen, queued after the interaction.
 */
export function LogScreen({ contactId: openedAs, onDone }: { contactId: string; onDone: (queued: boolean) => void }) {
  const { t } = useI18n();
  const { store, write } = useApp();
  const [name, setName] = useState("");
  const [outcomes, setOutcomes] = useState<OutcomeList["items"]>([]);
  const [channel, setChannel] = useState<"call" | "meeting">("call");
  const [outcome, setOutcome] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [saving, setSaving] = useState(false);
  const [nextStep, setNextStep] = useState("");
  const [nextIn, setNextIn] = useState<NextIn>(1);
  // A contact created on the phone may have been sent meanwhile: then its API id.
  const [contactId, setContactId] = useState(openedAs);

  useEffect(() => {
    void (async () => {
      const sentAs = isLocalId(openedAs) ? await store.getMeta(idMapKey(openedAs)) : null;
      if (sentAs) setContactId(sentAs);
      const record = await store.getRecord<ContactRead>("contact", sentAs ?? openedAs);
      setName(record?.data.full_name ?? "");
      const raw = await store.getMeta(META_OUTCOMES);
      const list = raw ? (JSON.parse(raw) as OutcomeList).items : [];
      setOutcomes(list.filter((o) => o.active).sort((a, b) => a.position - b.position));
    })();
  }, [store, openedAs]);

  const kind = channel === "call" ? t("log.call") : t("log.meeting");
  const save = async () => {
    setSaving(true);
    await write({
      kind: "interaction.create",
      recordId: contactId,
      payload: {
        contact_id: contactId,
        channel,
        status: "done",
        occurred_at: new Date().toISOString(),
        outcome,
        body: note.trim() || null,
      },
    });
    const title = nextStep.trim();
    if (title) {
      await write({
        kind: "task.create",
        recordId: contactId,
        label: title,
        payload: { title, contact_id: contactId, due_at: dueIn(nextIn) },
      });
    }
    onDone(true);
  };

  return (
    <Screen>
      <ScrollView contentContainerStyle={{ gap: 12 }} keyboardShouldPersistTaps="handled">
        <View style={styles.row}>
          <Button kind="secondary" label={t("common.cancel")} onPress={() => onDone(false)} />
        </View>
        <Title>{t("log.title")}</Title>
        <Body muted>{name}</Body>
        <View style={styles.row} accessibilityRole="radiogroup">
          <Button kind="secondary" selected={channel === "call"} label={t("log.call")} onPress={() => setChannel("call")} />
          <Button kind="secondary" selected={channel === "meeting"} label={t("log.meeting")} onPress={() => setChannel("meeting")} />
        </View>
        <Body muted>{t("log.outcome")}</Body>
        <View style={styles.row} accessibilityRole="radiogroup" accessibilityLabel={t("log.outcome")}>
          <Button kind="secondary" selected={outcome === null} label={t("log.noOutcome")} onPress={() => setOutcome(null)} />
          {outcomes.map((o) => (
            <Button key={o.key} kind="secondary" selected={outcome === o.key} label={o.label} onPress={() => setOutcome(o.key)} />
          ))}
        </View>
        <Field label={t("log.body")} value={note} onChangeText={setNote} multiline style={{ minHeight: 120, textAlignVertical: "top" }} />
        <Field label={t("log.nextStep")} value={nextStep} onChangeText={setNextStep} />
        {nextStep.trim() ? (
          <View style={styles.row} accessibilityRole="radiogroup" accessibilityLabel={t("log.nextDue")}>
            {NEXT_IN.map(([days, key]) => (
              <Button key={key} kind="secondary" selected={nextIn === days} label={t(key)} onPress={() => setNextIn(days)} />
            ))}
          </View>
        ) : null}
        <Button label={t("log.save", { kind })} onPress={save} disabled={saving} />
      </ScrollView>
    </Screen>
  );
}
