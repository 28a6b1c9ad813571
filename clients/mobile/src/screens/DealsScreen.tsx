import type { DealRead, PipelineList, PipelineRead, StageRead, UserRead } from "@crm/sdk";
import { useEffect, useState } from "react";
import { ScrollView, View } from "react-native";

import { useI18n } from "../i18n";
import { useApp } from "../services";
import { META_ME, META_PIPELINES } from "../sync";
import { Body, Button, Screen, styles, Subtitle, Title, useTheme } from "../ui";
import { QueueItemView } from "./QueueItemView";
import { StatusLine } from "./StatusLine";

const SHOWN = 1000;

/**
 * The signed-in user's deals from the phone's copy, by stage (the API's pipelines, in their
 * order). "Move to stage" queues the move with the version the user saw; what the API
 * answers (a lost stage without a reason, a conflict) shows on the deal.
 */
export function DealsScreen({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  const { store, revision } = useApp();
  const [deals, setDeals] = useState<DealRead[] | null>(null);
  const [pipelines, setPipelines] = useState<PipelineRead[]>([]);

  useEffect(() => {
    let current = true;
    void (async () => {
      const me = JSON.parse((await store.getMeta(META_ME)) ?? "null") as UserRead | null;
      const list = JSON.parse((await store.getMeta(META_PIPELINES)) ?? "null") as PipelineList | null;
      const all = await store.searchRecords<DealRead>("deal", "", SHOWN);
      if (!current) return;
      setPipelines(list?.items ?? []);
      setDeals(all.map((r) => r.data).filter((deal) => me !== null && deal.owner_id === me.id));
    })();
    return () => {
      current = false;
    };
  }, [store, revision]);

  const known = new Set(pipelines.flatMap((p) => p.stages.map((s) => s.id)));
  const groups: Array<{ key: string; name: string; pipeline: PipelineRead | null; deals: DealRead[] }> = [];
  for (const pipeline of pipelines) {
    for (const stage of [...pipeline.stages].sort((a, b) => a.position - b.position)) {
      const inStage = (deals ?? []).filter((deal) => deal.stage_id === stage.id);
      if (inStage.length > 0) {
        const name = pipelines.length > 1 ? `${pipeline.name} · ${stage.name}` : stage.name;
        groups.push({ key: stage.id, name, pipeline, deals: inStage });
      }
    }
  }
  const unplaced = (deals ?? []).filter((deal) => !known.has(deal.stage_id));
  if (unplaced.length > 0) groups.push({ key: "other", name: t("deals.otherStage"), pipeline: null, deals: unplaced });

  return (
    <Screen>
      <View style={[styles.row, { alignItems: "center" }]}>
        <Button kind="secondary" label={t("common.back")} onPress={onBack} />
        <Title>{t("deals.title")}</Title>
      </View>
      <StatusLine />
      <ScrollView contentContainerStyle={{ gap: 12 }} keyboardShouldPersistTaps="handled">
        {deals === null ? <Body muted>{t("common.loading")}</Body> : null}
        {deals !== null && deals.length === 0 ? <Body muted>{t("deals.empty")}</Body> : null}
        {groups.map((group) => (
          <View key={group.key} style={{ gap: 8 }}>
            <Subtitle>{`${group.name} (${group.deals.length})`}</Subtitle>
            {group.deals.map((deal) => (
              <DealRow key={deal.id} deal={deal} pipeline={pipelines.find((p) => p.id === deal.pipeline_id) ?? null} />
            ))}
          </View>
        ))}
      </ScrollView>
    </Screen>
  );
}

function DealRow({ deal, pipeline }: { deal: DealRead; pipeline: PipelineRead | null }) {
  const { t, money } = useI18n();
  const theme = useTheme();
  const { items, write } = useApp();
  const [choosing, setChoosing] = useState(false);
  const queued = items.filter((item) => item.kind === "deal.move" && item.recordId === deal.id);
  const stages: StageRead[] = pipeline ? [...pipeline.stages].sort((a, b) => a.position - b.position) : [];
  const move = async (stage: StageRead) => {
    setChoosing(false);
    await write({
      kind: "deal.move",
      recordId: deal.id,
      label: `${deal.title} → ${stage.name}`,
      payload: { stage_id: stage.id },
      ifMatch: deal.version,
    });
  };
  return (
    <View style={{ gap: 8, borderWidth: 1, borderColor: theme.border, borderRadius: 10, padding: 12, backgroundColor: theme.card }}>
      <View accessible>
        <Body>{deal.title}</Body>
        <Body muted>{`${money(deal.amount, deal.currency)} · ${t(`deal.status.${deal.status}`)}`}</Body>
      </View>
      {queued.map((item) => (
        <QueueItemView key={item.id} item={item} />
      ))}
      {queued.length === 0 && stages.length > 1 ? (
        <Button
          kind="secondary"
          selected={choosing}
          label={t("deals.move")}
          accessibilityLabel={t("deals.moveLabel", { title: deal.title })}
          onPress={() => setChoosing(!choosing)}
        />
      ) : null}
      {choosing ? (
        <View style={styles.row} accessibilityRole="radiogroup" accessibilityLabel={t("deals.move")}>
          {stages
            .filter((stage) => stage.id !== deal.stage_id)
            .map((stage) => (
              <Button
                key={stage.id}
                kind="secondary"
                label={stage.name}
                accessibilityLabel={t("deals.moveTo", { title: deal.title, stage: stage.name })}
                onPress={() => void move(stage)}
              />
            ))}
        </View>
      ) : null}
    </View>
  );
}
