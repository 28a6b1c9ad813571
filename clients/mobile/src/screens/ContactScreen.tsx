import { type CompanyRead, type ContactRead, contactsTimeline, type DealRead, type TaskRead, type TimelineItemRead } from "@crm/sdk";
import { useEffect, useState } from "react";
import { Linking, Platform, ScrollView, View } from "react-native";

import { useI18n } from "../i18n";
import { outcome } from "../net";
import { idMapKey } from "../queue";
import { useApp } from "../services";
import { isLocalId } from "../storage/types";
import { Body, Button, Screen, styles, Subtitle, Title } from "../ui";
import { QueueItemView } from "./QueueItemView";
import { StatusLine } from "./StatusLine";
import { TaskRow } from "./TaskRow";

/** A link that opens the phone's maps app on an address. */
export function mapsUrl(address: string): string {
  const q = encodeURIComponent(address);
  if (Platform.OS === "ios") return `http://maps.apple.com/?q=${q}`;
  if (Platform.OS === "android") return `geo:0,0?q=${q}`;
  return `https://www.openstreetmap.org/search?query=${q}`;
}

/** Where the card keeps the last timeline page it fetched (shown when offline). */
export const timelineKey = (contactId: string) => `timeline.${contactId}`;
const TIMELINE_PAGE = 20;

interface SavedTimeline {
  at: string;
  items: TimelineItemRead[];
}

/** The contact's timeline: the API's first page when online, else the last one fetched. */
function useTimeline(contactId: string | null): SavedTimeline | null {
  const { store, session, lastSyncedAt } = useApp();
  const [timeline, setTimeline] = useState<SavedTimeline | null>(null);
  useEffect(() => {
    let current = true;
    if (contactId === null || isLocalId(contactId)) return;
    void (async () => {
      const saved = await store.getMeta(timelineKey(contactId));
      if (saved && current) setTimeline(JSON.parse(saved) as SavedTimeline);
      const page = await outcome(
        contactsTimeline({ client: session.client, path: { contact_id: contactId }, query: { limit: TIMELINE_PAGE } }),
      );
      if (page.kind !== "ok") return;
      const fresh: SavedTimeline = { at: new Date().toISOString(), items: page.data.items };
      await store.setMeta(timelineKey(contactId), JSON.stringify(fresh));
      if (current) setTimeline(fresh);
    })();
    return () => {
      current = false;
    };
    // Fetched again after each sync (a call just sent shows on it).
  }, [store, session, contactId, lastSyncedAt]);
  return timeline;
}

function TimelineEntry({ entry }: { entry: TimelineItemRead }) {
  const { t, dateTime } = useI18n();
  let head = "";
  let detail: string | null = null;
  if (entry.type === "interaction" && entry.interaction) {
    const i = entry.interaction;
    const kind = i.channel === "call" ? t("log.call") : i.channel === "meeting" ? t("log.meeting") : i.channel;
    head = [kind, i.subject || i.body].filter(Boolean).join(" · ");
    detail = [i.outcome, i.subject ? i.body : null].filter(Boolean).join(" · ") || null;
  } else if (entry.type === "task" && entry.task) {
    head = `${t("timeline.task")} · ${entry.task.title}`;
  } else if (entry.type === "deal" && entry.deal) {
    head = `${t("timeline.deal")} · ${entry.deal.title}`;
  } else if (entry.type === "request" && entry.request) {
    head = `${t("timeline.request")} · ${entry.request.subject}`;
    const change = entry.change;
    if (change) detail = [change.from_status, change.to_status].filter(Boolean).join(" → ");
  }
  return (
    <View accessible style={{ minHeight: 44, justifyContent: "center" }}>
      <Body>{head}</Body>
      {detail ? <Body muted>{detail}</Body> : null}
      <Body muted>{dateTime(entry.at)}</Body>
    </View>
  );
}

/** The contact card: call, write, find on a map, log what just happened; its queued writes. */
export function ContactScreen({ id, onBack, onLog }: { id: string; onBack: () => void; onLog: () => void }) {
  const { t, money, dateTime } = useI18n();
  const { store, revision, items } = useApp();
  const [contact, setContact] = useState<ContactRead | null | undefined>(undefined);
  const [company, setCompany] = useState<CompanyRead | null>(null);
  const [deals, setDeals] = useState<DealRead[]>([]);
  const [tasks, setTasks] = useState<TaskRead[]>([]);
  const timeline = useTimeline(contact ? contact.id : null);

  useEffect(() => {
    let current = true;
    void (async () => {
      // Created on the phone and sent meanwhile: the card follows it to the API's id.
      const sentAs = isLocalId(id) ? await store.getMeta(idMapKey(id)) : null;
      const record = (await store.getRecord<ContactRead>("contact", id)) ?? (sentAs ? await store.getRecord<ContactRead>("contact", sentAs) : null);
      const companyRecord = record?.data.company_id ? await store.getRecord<CompanyRead>("company", record.data.company_id) : null;
      const dealRecords = await store.relatedRecords<DealRead>("deal", record?.id ?? id, 20);
      const taskRecords = await store.relatedRecords<TaskRead>("task", record?.id ?? id, 20);
      if (!current) return;
      setContact(record?.data ?? null);
      setCompany(companyRecord?.data ?? null);
      setDeals(dealRecords.map((r) => r.data));
      setTasks(taskRecords.map((r) => r.data).filter((task) => task.status === "open"));
    })();
    return () => {
      current = false;
    };
  }, [store, id, revision]);

  const back = <Button kind="secondary" label={t("common.back")} onPress={onBack} />;
  if (contact === undefined) return <Screen>{back}</Screen>;
  if (contact === null) {
    // Gone from the phone: archived, merged, or no longer the user's to see.
    return (
      <Screen>
        {back}
        <Body muted>{t("contacts.none")}</Body>
      </Screen>
    );
  }
  const address = company?.address
    ? [company.address, company.city, company.country].filter(Boolean).join(", ")
    : [contact.city, contact.country].filter(Boolean).join(", ");
  // Its queued writes: on the contact itself, and on its tasks.
  const mine = new Set([id, contact.id, ...tasks.map((task) => task.id)]);
  const pending = items.filter((item) => item.recordId !== null && mine.has(item.recordId));
  const open = (url: string) => void Linking.openURL(url).catch(() => undefined);
  return (
    <Screen>
      <ScrollView contentContainerStyle={{ gap: 12 }}>
        <View style={styles.row}>{back}</View>
        <StatusLine />
        <Title>{contact.full_name}</Title>
        {contact.title || company ? <Body muted>{[contact.title, company?.name].filter(Boolean).join(" · ")}</Body> : null}
        <Button label={t("contact.logNow")} onPress={onLog} />
        {contact.phones.map((phone) => (
          <Button
            key={phone.phone}
            kind="secondary"
            label={`${t("contacts.phone")}: ${phone.phone}`}
            accessibilityLabel={t("contact.call", { phone: phone.phone })}
            onPress={() => open(`tel:${phone.phone.replace(/[^\d+]/g, "")}`)}
          />
        ))}
        {contact.emails.map((email) => (
          <Button
            key={email.email}
            kind="secondary"
            label={`${t("contacts.email")}: ${email.email}`}
            accessibilityLabel={t("contact.mail", { email: email.email })}
            onPress={() => open(`mailto:${email.email}`)}
          />
        ))}
        {address ? (
          <Button kind="secondary" label={address} accessibilityLabel={t("contact.map", { address })} onPress={() => open(mapsUrl(address))} />
        ) : null}
        {pending.map((item) => (
          <QueueItemView key={item.id} item={item} />
        ))}
        {tasks.length > 0 ? <Subtitle>{t("contact.tasks")}</Subtitle> : null}
        {tasks.map((task) => (
          <TaskRow key={task.id} task={task} />
        ))}
        {deals.length > 0 ? <Subtitle>{t("contact.deals")}</Subtitle> : null}
        {deals.map((deal) => (
          <View key={deal.id} accessible style={{ minHeight: 44, justifyContent: "center" }}>
            <Body>{deal.title}</Body>
            <Body muted>{`${money(deal.amount, deal.currency)} · ${t(`deal.status.${deal.status}`)}`}</Body>
          </View>
        ))}
        <Subtitle>{t("contact.timeline")}</Subtitle>
        {timeline === null ? <Body muted>{t("timeline.notYet")}</Body> : null}
        {timeline && timeline.items.length === 0 ? <Body muted>{t("timeline.empty")}</Body> : null}
        {timeline && timeline.items.length > 0 ? <Body muted>{t("timeline.asOf", { when: dateTime(timeline.at) })}</Body> : null}
        {(timeline?.items ?? []).map((entry) => (
          <TimelineEntry key={`${entry.type}-${entry.id}`} entry={entry} />
        ))}
      </ScrollView>
    </Screen>
  );
}
