import type { ContactRead, RequestRead, UserRead } from "@crm/sdk";
import { useEffect, useState } from "react";
import { Pressable, ScrollView, View } from "react-native";

import { useI18n } from "../i18n";
import { useApp } from "../services";
import { META_ME } from "../sync";
import { Body, Button, Screen, styles, Title, useTheme } from "../ui";
import { QueueItemView } from "./QueueItemView";
import { StatusLine } from "./StatusLine";

const SHOWN = 500;

/**
 * Requests assigned to the signed-in user, from the phone's copy (not closed first, the
 * earliest response due first). The statuses offered are those the API lists as allowed
 * (`allowed_statuses`); a change is queued with the version the user saw.
 */
export function RequestsScreen({ onBack, onOpenContact }: { onBack: () => void; onOpenContact: (id: string) => void }) {
  const { t } = useI18n();
  const { store, revision } = useApp();
  const [rows, setRows] = useState<Array<{ request: RequestRead; about: string | null }> | null>(null);

  useEffect(() => {
    let current = true;
    void (async () => {
      const me = JSON.parse((await store.getMeta(META_ME)) ?? "null") as UserRead | null;
      const all = await store.searchRecords<RequestRead>("request", "", SHOWN);
      const mine = all.map((r) => r.data).filter((request) => me !== null && request.assignee_id === me.id);
      const found = await Promise.all(
        mine.map(async (request) => ({
          request,
          about: (await store.getRecord<ContactRead>("contact", request.contact_id))?.data.full_name ?? null,
        })),
      );
      if (current) setRows(found);
    })();
    return () => {
      current = false;
    };
  }, [store, revision]);

  return (
    <Screen>
      <View style={[styles.row, { alignItems: "center" }]}>
        <Button kind="secondary" label={t("common.back")} onPress={onBack} />
        <Title>{t("requests.title")}</Title>
      </View>
      <StatusLine />
      <ScrollView contentContainerStyle={{ gap: 12 }} keyboardShouldPersistTaps="handled">
        {rows === null ? <Body muted>{t("common.loading")}</Body> : null}
        {rows !== null && rows.length === 0 ? <Body muted>{t("requests.empty")}</Body> : null}
        {(rows ?? []).map(({ request, about }) => (
          <RequestRow key={request.id} request={request} about={about} onOpenContact={onOpenContact} />
        ))}
      </ScrollView>
    </Screen>
  );
}

function RequestRow({
  request,
  about,
  onOpenContact,
}: {
  request: RequestRead;
  about: string | null;
  onOpenContact: (id: string) => void;
}) {
  const { t, dateTime } = useI18n();
  const theme = useTheme();
  const { items, write } = useApp();
  const queued = items.filter((item) => item.kind === "request.update" && item.recordId === request.id);
  const status = (value: string) => t(`requests.status.${value}` as never);
  return (
    <View style={{ gap: 8, borderWidth: 1, borderColor: theme.border, borderRadius: 10, padding: 12, backgroundColor: theme.card }}>
      <Pressable
        accessibilityRole="button"
        accessibilityLabel={about ? t("contact.open", { name: about }) : undefined}
        onPress={() => onOpenContact(request.contact_id)}
        style={{ minHeight: 48, justifyContent: "center" }}
      >
        <Body>{request.subject}</Body>
        <Body muted>{[about, status(request.status)].filter(Boolean).join(" · ")}</Body>
        {request.due_by ? (
          <Body muted color={request.overdue ? theme.danger : undefined}>
            {t("requests.due", { when: dateTime(request.due_by) })}
          </Body>
        ) : null}
      </Pressable>
      {queued.map((item) => (
        <QueueItemView key={item.id} item={item} />
      ))}
      {queued.length === 0 ? (
        <View style={styles.row}>
          {request.allowed_statuses
            .filter((next) => next !== request.status)
            .map((next) => (
              <Button
                key={next}
                kind="secondary"
                label={status(next)}
                accessibilityLabel={t("requests.setStatus", { subject: request.subject, status: status(next) })}
                onPress={() =>
                  void write({
                    kind: "request.update",
                    recordId: request.id,
                    label: request.subject,
                    payload: { status: next },
                    ifMatch: request.version,
                  })
                }
              />
            ))}
        </View>
      ) : null}
    </View>
  );
}
