import type { ContactRead } from "@crm/sdk";
import { useEffect, useState } from "react";
import { FlatList, Pressable, Text, View } from "react-native";

import { useI18n } from "../i18n";
import { useApp } from "../services";
import type { LocalRecord } from "../storage/types";
import { Body, Button, Field, Screen, styles, Title, TOUCH, useTheme } from "../ui";
import { StatusLine } from "./StatusLine";

const SHOWN = 50;

/** Contacts on the phone, searched as you type (every word must match). */
export function ContactsScreen({
  onOpen,
  onQueue,
  onNew,
  onMyDay,
  onDeals,
  onRequests,
}: {
  onOpen: (id: string) => void;
  onQueue: () => void;
  onNew: () => void;
  onMyDay: () => void;
  onDeals: () => void;
  onRequests: () => void;
}) {
  const { t } = useI18n();
  const theme = useTheme();
  const { store, revision, items, signOut } = useApp();
  const [query, setQuery] = useState("");
  const [rows, setRows] = useState<LocalRecord<ContactRead>[] | null>(null);

  useEffect(() => {
    let current = true;
    void store.searchRecords<ContactRead>("contact", query, SHOWN).then((found) => current && setRows(found));
    return () => {
      current = false;
    };
  }, [store, query, revision]);

  const waiting = items.length;
  return (
    <Screen>
      <View style={[styles.row, { justifyContent: "space-between", alignItems: "center" }]}>
        <Title>{t("contacts.title")}</Title>
        <Button kind="secondary" label={t("auth.signOut")} onPress={() => void signOut()} />
      </View>
      <StatusLine />
      <View style={styles.row}>
        <Button kind="secondary" label={t("myday.title")} onPress={onMyDay} />
        <Button kind="secondary" label={t("deals.title")} onPress={onDeals} />
        <Button kind="secondary" label={t("requests.title")} onPress={onRequests} />
        <Button label={t("contacts.new")} onPress={onNew} />
        {waiting > 0 ? <Button kind="secondary" label={t("queue.count", { count: waiting })} onPress={onQueue} /> : null}
      </View>
      <Field
        label={t("common.search")}
        placeholder={t("search.placeholder")}
        value={query}
        onChangeText={setQuery}
        autoCorrect={false}
        autoCapitalize="none"
        clearButtonMode="while-editing"
      />
      {rows === null ? (
        <Body muted>{t("common.loading")}</Body>
      ) : (
        <FlatList
          data={rows}
          keyExtractor={(row) => row.id}
          keyboardShouldPersistTaps="handled"
          ListEmptyComponent={<Body muted>{t("contacts.none")}</Body>}
          ItemSeparatorComponent={() => <View style={{ height: 1, backgroundColor: theme.border }} />}
          renderItem={({ item }) => {
            const c = item.data;
            const detail = [c.title, c.city].filter(Boolean).join(" · ");
            const pending = items.some((q) => q.recordId === item.id);
            return (
              <Pressable
                accessibilityRole="button"
                accessibilityLabel={t("contact.open", { name: c.full_name })}
                onPress={() => onOpen(item.id)}
                style={({ pressed }) => ({ minHeight: TOUCH + 8, paddingVertical: 8, justifyContent: "center", opacity: pressed ? 0.6 : 1 })}
              >
                <Text style={{ fontSize: 18, fontWeight: "600", color: theme.text }}>
                  {c.full_name}
                  {pending ? <Text style={{ color: theme.warning, fontWeight: "400" }}>{`  · ${t("queue.pending")}`}</Text> : null}
                </Text>
                {detail ? <Text style={{ fontSize: 15, color: theme.muted }}>{detail}</Text> : null}
              </Pressable>
            );
          }}
        />
      )}
    </Screen>
  );
}
