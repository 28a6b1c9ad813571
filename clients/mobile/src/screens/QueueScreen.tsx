import { ScrollView, View } from "react-native";

import { useI18n } from "../i18n";
import { useApp } from "../services";
import { Body, Button, Screen, styles, Title } from "../ui";
import { QueueItemView } from "./QueueItemView";
import { StatusLine } from "./StatusLine";

export function QueueScreen({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  const { items } = useApp();
  return (
    <Screen>
      <View style={[styles.row, { alignItems: "center" }]}>
        <Button kind="secondary" label={t("common.back")} onPress={onBack} />
        <Title>{t("queue.title")}</Title>
      </View>
      <StatusLine />
      <ScrollView contentContainerStyle={{ gap: 12 }}>
        {items.length === 0 ? <Body muted>{t("queue.empty")}</Body> : null}
        {items.map((item) => (
          <QueueItemView key={item.id} item={item} />
        ))}
      </ScrollView>
    </Screen>
  );
}
