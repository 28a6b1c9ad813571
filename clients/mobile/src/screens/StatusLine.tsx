import { View } from "react-native";

import { useI18n } from "../i18n";
import { useApp } from "../services";
import { Body, Button, styles, useTheme } from "../ui";

/** "Last synced …", or syncing / offline, with a button to sync now. */
export function StatusLine() {
  const { t, dateTime } = useI18n();
  const theme = useTheme();
  const { syncState, lastSyncedAt, syncNow } = useApp();
  const last = lastSyncedAt ? t("sync.last", { when: dateTime(lastSyncedAt) }) : t("sync.never");
  const text = syncState === "syncing" ? t("sync.running") : syncState === "offline" ? `${t("sync.offline")} · ${last}` : last;
  return (
    <View style={[styles.row, { alignItems: "center", justifyContent: "space-between" }]}>
      <View accessibilityLiveRegion="polite" accessible style={{ flexShrink: 1 }}>
        <Body muted color={syncState === "offline" ? theme.warning : undefined}>
          {text}
        </Body>
      </View>
      <Button kind="secondary" label={t("sync.now")} onPress={() => void syncNow()} disabled={syncState === "syncing"} />
    </View>
  );
}
