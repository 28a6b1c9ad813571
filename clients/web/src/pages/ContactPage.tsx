// One contact: details, company, deals, timeline; log a touch in two clicks (pick the
// kind, save) and plan the next step.
import {
  type AuditEventRead,
  type Channel,
  type ContactRead,
  contactsConvert,
  contactsDuplicates,
  contactsDuplicatesAsk,
  contactsGet,
  contactsHistory,
  contactsMerge,
  contactsTimeline,
  type DuplicateElsewhere,
  dealsList,
  interactionsComplete,
  interactionsCreate,
  tasksCreate,
  tasksUpdate,
  type TimelineItemRead,
} from "@crm/sdk";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useRef, useState } from "react";
import { Link, useParams } from "react-router";

import { ApiError, etagOf, fieldErrors, ok } from "../api";
import { useAuth } from "../auth";
import { AMOUNT_INPUT, useAmountParser } from "../components/AmountInput";
import { createdDespite, DuplicateLink, elsewhereText } from "../components/Duplicates";
import { Dialog, ErrorMessage, Field, LoadMore, Loading, Money, PageHeader, StageBadge } from "../components/ui";
import { type MessageKey, useI18n } from "../i18n";
import { useCompany, useOutcomes, usePipelines, useUsers } from "../lookups";
import { NewRequestDialog } from "./RequestForm";

const QUICK: Array<{ channel: Channel; label: MessageKey }> = [
  { channel: "call", label: "log.call" },
  { channel: "email", label: "log.email" },
  { channel: "meeting", label: "log.meeting" },
  { channel: "note", label: "log.note" },
];

export function ContactPage() {
  const { id } = useParams();
  const contactId = id!;
  const { t, dateTime } = useI18n();
  const { client, can, claims, mayChange } = useAuth();
  const users = useUsers();
  const contact = useQuery({
    queryKey: ["contact", contactId],
    queryFn: () => ok(contactsGet({ client, path: { contact_id: contactId } })),
  });
  const company = useCompany(contact.data?.company_id);
  const [requesting, setRequesting] = useState(false);

  if (contact.isLoading) return <Loading />;
  if (contact.error || !contact.data) return <ErrorMessage error={contact.error} />;
  const c = contact.data;

  return (
    <>
      <PageHeader
        title={c.full_name || c.emails[0]?.email || "—"}
        actions={
          <>
            {can("requests:write") ? (
              <button type="button" onClick={() => setRequesting(true)}>
                {t("requests.new")}
              </button>
            ) : null}
            {/* A display hint: the write level reaches this contact (the API decides). */}
            {mayChange("contacts", c) ? (
              <Link className="button" to={`/contacts/${c.id}/edit`}>
                {t("common.edit")}
              </Link>
            ) : null}
          </>
        }
      />
      {requesting ? (
        <NewRequestDialog contact={{ id: c.id, label: c.full_name || c.emails[0]?.email || "—" }} onClose={() => setRequesting(false)} />
      ) : null}
      <p className="subtitle">
        {c.title ? <span>{c.title}</span> : null}
        {company.data ? (
          <>
            {" · "}
            <Link to={`/companies/${company.data.id}`}>{company.data.name}</Link>
          </>
        ) : null}{" "}
        <StageBadge stage={c.lifecycle_stage} />
      </p>
      {/* The details come first: on a phone they lead the page (the number to call before
          the timeline); on wide screens they sit in the right-hand column. */}
      <div className="contact-layout">
        <section className="card contact-details" aria-labelledby="details-title">
          <h2 id="details-title">{t("contact.details")}</h2>
          <dl className="details">
            <dt>{t("contacts.email")}</dt>
            <dd>
              <Links scheme="mailto" values={c.emails.map((e) => e.email)} />
            </dd>
            <dt>{t("contacts.phone")}</dt>
            <dd>
              <Links scheme="tel" values={c.phones.map((p) => p.phone)} />
            </dd>
            <dt>{t("contacts.city")}</dt>
            <dd>{[c.city, c.country].filter(Boolean).join(", ") || "—"}</dd>
            <dt>{t("contacts.owner")}</dt>
            <dd>{c.owner_id === claims?.sub ? t("common.me") : users.name(c.owner_id)}</dd>
            <dt>{t("contact.tags")}</dt>
            <dd>
              {c.tags.length ? c.tags.map((tag) => <span key={tag} className="tag">{tag}</span>) : "—"}
            </dd>
            <dt>{t("contact.source")}</dt>
            <dd>{c.source ?? "—"}</dd>
            <dt>{t("contact.lastTouch")}</dt>
            <dd>{dateTime(c.last_interaction_at)}</dd>
            <dt>{t("contact.nextTouch")}</dt>
            <dd>{dateTime(c.next_interaction_at)}</dd>
            <dt>{t("contact.consent")}</dt>
            <dd>{c.marketing_consent ? t("common.yes") : t("common.no")}</dd>
            {Object.entries(c.custom_fields).map(([key, value]) => (
              <div key={key} className="details-row">
                <dt>{key}</dt>
                <dd>{Array.isArray(value) ? value.join(", ") : String(value ?? "—")}</dd>
              </div>
            ))}
          </dl>
        </section>
        <div className="column-main">
          {can("interactions:write") ? <QuickLog contactId={c.id} /> : null}
          {can("interactions:write") || can("tasks:write") ? <PlanNext contactId={c.id} /> : null}
          <Timeline contactId={c.id} />
        </div>
        <aside className="column-side" aria-label={t("contact.related")}>
          {company.data ? (
            <section className="card" aria-labelledby="company-title">
              <h2 id="company-title">{t("contact.company")}</h2>
              <p>
                <Link to={`/companies/${company.data.id}`}>{company.data.name}</Link>
              </p>
              <p className="muted">
                {[company.data.industry, company.data.city, company.data.country].filter(Boolean).join(" · ")}
              </p>
            </section>
          ) : null}
          {can("deals:read") ? <ContactDeals contactId={c.id} /> : null}
          {c.lifecycle_stage === "lead" && can("deals:write") && mayChange("contacts", c) ? <ConvertLead contact={c} /> : null}
          {can("contacts:write") ? <Duplicates contact={c} /> : null}
          <ContactHistory contactId={c.id} />
        </aside>
      </div>
    </>
  );
}

function ContactDeals({ contactId }: { contactId: string }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const pipelines = usePipelines();
  const deals = useQuery({
    queryKey: ["deals", { contact_id: contactId }],
    queryFn: () => ok(dealsList({ client, query: { contact_id: contactId, limit: 50 } })),
  });
  return (
    <section className="card" aria-labelledby="deals-title">
      <h2 id="deals-title">{t("contact.deals")}</h2>
      <ErrorMessage error={deals.error} />
      {deals.data?.items.length === 0 ? <p className="muted">{t("contact.noDeals")}</p> : null}
      <ul className="plain">
        {deals.data?.items.map((d) => (
          <li key={d.id}>
            <Link to={`/deals/${d.id}`}>{d.title}</Link>
            <div className="muted small">
              {pipelines.stage(d.stage_id)?.name ?? d.status} · <Money amount={d.amount} currency={d.currency} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Suggested duplicates (same e-mail or phone, similar name at the same company) in the
 * whole database: those the user reads, each mergeable into this contact after a
 * confirmation where their levels reach it (merging archives the match); those out of
 * their sight named by their owner only, whom they can ask to check. */
function Duplicates({ contact }: { contact: ContactRead }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { client, mayChange, mayArchive } = useAuth();
  const queryClient = useQueryClient();
  const [merging, setMerging] = useState<ContactRead | null>(null);
  // The owners asked so far: each is asked once, whichever of their matches it was at.
  const [asked, setAsked] = useState<ReadonlySet<string>>(new Set());
  const duplicates = useQuery({
    queryKey: ["contact", contact.id, "duplicates"],
    queryFn: () => ok(contactsDuplicates({ client, path: { contact_id: contact.id } })),
  });
  const merge = useMutation({
    mutationFn: (source: ContactRead) => ok(contactsMerge({ client, path: { contact_id: contact.id }, body: { source_id: source.id } })),
    onSuccess: () => {
      setMerging(null);
      void queryClient.invalidateQueries({ queryKey: ["contact", contact.id] });
      void queryClient.invalidateQueries({ queryKey: ["timeline", contact.id] });
      void queryClient.invalidateQueries({ queryKey: ["contacts"] });
    },
  });
  const items = duplicates.data?.items ?? [];
  const elsewhere = duplicates.data?.elsewhere ?? [];
  if (items.length === 0 && elsewhere.length === 0 && !merge.isSuccess) return null;
  return (
    <section className="card" aria-labelledby="duplicates-title">
      <h2 id="duplicates-title">{t("contacts.duplicates")}</h2>
      {merge.isSuccess ? (
        <p className="success" role="status">
          {t("contacts.merged")}
        </p>
      ) : null}
      <ul className="plain">
        {items.map((d) => (
          <li key={d.contact.id}>
            <DuplicateLink item={d} block />
            {/* Merging changes this contact, and changes and archives the match: offered
                when the write level reaches both and the archive level the match. */}
            {mayChange("contacts", contact) && mayChange("contacts", d.contact) && mayArchive("contacts", d.contact) ? (
              <button type="button" onClick={() => setMerging(d.contact)}>
                {t("contacts.merge")}
              </button>
            ) : null}
          </li>
        ))}
        {elsewhere.map((e, index) => (
          <li key={`${e.owner.id}-${index}`}>
            <div>{elsewhereText(e, i18n)}</div>
            <AskOwner
              contactId={contact.id}
              entry={e}
              asked={asked.has(e.owner.id)}
              onAsked={() => setAsked((before) => new Set(before).add(e.owner.id))}
            />
          </li>
        ))}
      </ul>
      {merging ? (
        <Dialog title={t("contacts.mergeTitle", { name: merging.full_name })} onClose={() => setMerging(null)}>
          <p>{t("contacts.mergeHint")}</p>
          <ErrorMessage error={merge.error} />
          <div className="form-actions">
            <button type="button" className="primary" disabled={merge.isPending} onClick={() => merge.mutate(merging)}>
              {t("contacts.merge")}
            </button>
            <button type="button" onClick={() => setMerging(null)}>
              {t("common.cancel")}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}

/** Asks the owner of a match out of sight to check it (they get a task); each owner once,
 * whichever of their matches the button is at. */
function AskOwner({ contactId, entry, asked, onAsked }: { contactId: string; entry: DuplicateElsewhere; asked: boolean; onAsked: () => void }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const owner = entry.owner;
  const ask = useMutation({
    mutationFn: () => ok(contactsDuplicatesAsk({ client, path: { contact_id: contactId }, body: { owner_id: owner.id } })),
    onSuccess: onAsked,
  });
  return (
    <div className="ask-owner">
      <button type="button" disabled={asked || ask.isPending} onClick={() => ask.mutate()}>
        {t("dup.ask", { owner: owner.full_name })}
      </button>
      {asked ? (
        <p className="success small" role="status">
          {t("dup.asked", { owner: owner.full_name })}
        </p>
      ) : (
        <AskProblem error={ask.error} owner={owner.full_name} />
      )}
    </div>
  );
}

/** Why an ask was refused: the API's 422 on `owner_id`, said by its code (the owner no
 * longer has such a match, or is no longer active); anything else as usual. */
function AskProblem({ error, owner }: { error: unknown; owner: string }) {
  const { t } = useI18n();
  const problem = fieldErrors(error).owner_id;
  if (error instanceof ApiError && error.status === 422 && problem) {
    const text = problem.code === "not_allowed" ? t("dup.askInactive", { owner }) : problem.code === "not_found" ? t("dup.askGone", { owner }) : null;
    if (text) {
      return (
        <p className="error small" role="alert">
          {text}
        </p>
      );
    }
  }
  return <ErrorMessage error={error} />;
}

/** Field labels of a contact's history, where the app has one. */
const FIELD_LABELS: Record<string, MessageKey> = {
  first_name: "contacts.firstName",
  last_name: "contacts.lastName",
  emails: "contacts.email",
  phones: "contacts.phone",
  title: "contacts.jobTitle",
  company_id: "contacts.company",
  country: "contacts.country",
  city: "contacts.city",
  lifecycle_stage: "contacts.stage",
  tags: "contact.tags",
  owner_id: "contacts.owner",
};

/** Who changed the contact, when, and what (newest first). */
function ContactHistory({ contactId }: { contactId: string }) {
  const { t, dateTime } = useI18n();
  const { client, claims } = useAuth();
  const users = useUsers();
  const history = useInfiniteQuery({
    queryKey: ["contact", contactId, "history"],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => ok(contactsHistory({ client, path: { contact_id: contactId }, query: { limit: 10, cursor: pageParam } })),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const events = history.data?.pages.flatMap((p) => p.items) ?? [];
  const person = (id: string | null) => (id === null ? t("audit.system") : id === claims?.sub ? t("common.me") : users.name(id));
  const what = (event: AuditEventRead) => {
    const despite = createdDespite(event);
    if (despite) return t("history.createdDespite", { count: despite });
    if (event.action === "updated") {
      const fields = Object.keys(event.changes).map((key) => (FIELD_LABELS[key] ? t(FIELD_LABELS[key]) : key));
      if (fields.length) return t("history.changed", { fields: fields.join(", ") });
    }
    return t(`audit.action.${event.action}` as MessageKey);
  };
  return (
    <section className="card" aria-labelledby="contact-history-title">
      <h2 id="contact-history-title">{t("history.title")}</h2>
      <ErrorMessage error={history.error} />
      {history.isSuccess && events.length === 0 ? <p className="muted">{t("history.empty")}</p> : null}
      <ol className="timeline">
        {events.map((event) => (
          <li key={event.id} className="timeline-item">
            <time dateTime={event.occurred_at}>{dateTime(event.occurred_at)}</time>
            <span>{what(event)}</span>
            <span className="muted small">{t("timeline.by", { name: person(event.actor_id) })}</span>
          </li>
        ))}
      </ol>
      <LoadMore hasMore={Boolean(history.hasNextPage)} busy={history.isFetchingNextPage} onVisible={() => void history.fetchNextPage()} />
    </section>
  );
}

/** A lead becomes a prospect with an open deal in the default pipeline. */
function ConvertLead({ contact }: { contact: ContactRead }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState("");
  const [amount, setAmount] = useState("");
  const [currency, setCurrency] = useState("EUR");
  const [amountError, setAmountError] = useState<string | null>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const readAmount = useAmountParser();
  const convert = useMutation({
    mutationFn: (minor: number | null) => {
      return ok(
        contactsConvert({
          client,
          path: { contact_id: contact.id },
          body: {
            title: title.trim() || null,
            currency: currency.trim().toUpperCase() || null,
            amount: minor,
          },
        }),
      );
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["contact", contact.id] });
      void queryClient.invalidateQueries({ queryKey: ["deals"] });
      void queryClient.invalidateQueries({ queryKey: ["timeline", contact.id] });
      void queryClient.invalidateQueries({ queryKey: ["board"] });
    },
  });
  const errors = fieldErrors(convert.error);
  return (
    <section className="card" aria-labelledby="convert-title">
      <h2 id="convert-title">{t("convert.title")}</h2>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          const read = readAmount(amount, currency);
          if (!read.ok) {
            setAmountError(read.message);
            amountRef.current?.focus();
            return;
          }
          convert.mutate(read.minor);
        }}
      >
        <Field label={t("convert.dealTitle")} error={errors.title}>
          {(props) => <input {...props} value={title} placeholder={contact.full_name} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <div className="inline-form">
          <Field label={t("convert.amount")} error={amountError ?? errors.amount}>
            {(props) => (
              <input
                {...props}
                {...AMOUNT_INPUT}
                ref={amountRef}
                value={amount}
                onChange={(e) => {
                  setAmountError(null);
                  setAmount(e.target.value);
                }}
              />
            )}
          </Field>
          <Field label={t("convert.currency")} error={errors.currency}>
            {(props) => <input {...props} maxLength={3} size={4} value={currency} onChange={(e) => setCurrency(e.target.value)} />}
          </Field>
        </div>
        {Object.keys(errors).length === 0 ? <ErrorMessage error={convert.error} /> : null}
        <button type="submit" className="primary" disabled={convert.isPending}>
          {t("convert.save")}
        </button>
      </form>
    </section>
  );
}

/** Log what happened: pick the kind (one click), save (the second). */
function QuickLog({ contactId }: { contactId: string }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const outcomes = useOutcomes();
  const formId = useId();
  const [channel, setChannel] = useState<Channel | null>(null);
  const [subject, setSubject] = useState("");
  const [outcome, setOutcome] = useState("");
  const [body, setBody] = useState("");
  const [done, setDone] = useState<string | null>(null);

  const log = useMutation({
    mutationFn: () =>
      ok(
        interactionsCreate({
          client,
          body: {
            channel: channel!,
            contact_id: contactId,
            status: "done",
            direction: channel === "note" ? null : "outbound",
            subject: subject.trim() || null,
            outcome: outcome || null,
            body: body.trim() || null,
          },
        }),
      ),
    onSuccess: () => {
      setDone(t("log.saved", { kind: t(QUICK.find((q) => q.channel === channel)!.label) }));
      setChannel(null);
      setSubject("");
      setOutcome("");
      setBody("");
      void queryClient.invalidateQueries({ queryKey: ["timeline", contactId] });
      void queryClient.invalidateQueries({ queryKey: ["contact", contactId] });
    },
  });
  const errors = fieldErrors(log.error);

  return (
    <section className="card" aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{t("log.title")}</h2>
      <div className="button-row" role="group" aria-label={t("log.title")}>
        {QUICK.map((q) => (
          <button
            key={q.channel}
            type="button"
            aria-pressed={channel === q.channel}
            onClick={() => {
              setDone(null);
              log.reset();
              setChannel(channel === q.channel ? null : q.channel);
            }}
          >
            {t(q.label)}
          </button>
        ))}
      </div>
      {done ? (
        <p className="success" role="status">
          {done}
        </p>
      ) : null}
      {channel ? (
        <form
          className="stack"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            log.mutate();
          }}
        >
          <Field label={t("log.subject")} error={errors.subject}>
            {(props) => <input {...props} value={subject} onChange={(e) => setSubject(e.target.value)} />}
          </Field>
          {channel !== "note" ? (
            <Field label={t("log.outcome")} error={errors.outcome}>
              {(props) => (
                <select {...props} value={outcome} onChange={(e) => setOutcome(e.target.value)}>
                  <option value="">—</option>
                  {(outcomes.data?.items ?? [])
                    .filter((o) => o.active)
                    .map((o) => (
                      <option key={o.key} value={o.key}>
                        {o.label}
                      </option>
                    ))}
                </select>
              )}
            </Field>
          ) : null}
          <Field label={t("log.body")} error={errors.body}>
            {(props) => <textarea {...props} rows={2} value={body} onChange={(e) => setBody(e.target.value)} />}
          </Field>
          {Object.keys(errors).length === 0 ? <ErrorMessage error={log.error} /> : null}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={log.isPending}>
              {t("log.save", { kind: t(QUICK.find((q) => q.channel === channel)!.label) })}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

type NextKind = "call" | "meeting" | "email" | "task";

function defaultWhen(): string {
  const d = new Date(Date.now() + 24 * 3600_000);
  d.setHours(10, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Plan the next step: a planned call, meeting or e-mail, or a task with a due time. */
function PlanNext({ contactId }: { contactId: string }) {
  const { t } = useI18n();
  const { client, can } = useAuth();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<NextKind>(can("interactions:write") ? "call" : "task");
  const [when, setWhen] = useState(defaultWhen);
  const [subject, setSubject] = useState("");
  const [done, setDone] = useState(false);

  const plan = useMutation({
    mutationFn: async () => {
      const at = new Date(when).toISOString();
      if (kind === "task") {
        return ok(tasksCreate({ client, body: { title: subject.trim() || t("plan.defaultTask"), contact_id: contactId, due_at: at, remind_at: at } }));
      }
      return ok(
        interactionsCreate({
          client,
          body: { channel: kind, status: "planned", contact_id: contactId, scheduled_at: at, subject: subject.trim() || null },
        }),
      );
    },
    onSuccess: () => {
      setDone(true);
      setSubject("");
      void queryClient.invalidateQueries({ queryKey: ["timeline", contactId] });
      void queryClient.invalidateQueries({ queryKey: ["contact", contactId] });
      void queryClient.invalidateQueries({ queryKey: ["agenda"] });
    },
  });
  const errors = fieldErrors(plan.error);
  const kinds: NextKind[] = [
    ...(can("interactions:write") ? (["call", "meeting", "email"] as NextKind[]) : []),
    ...(can("tasks:write") ? (["task"] as NextKind[]) : []),
  ];

  return (
    <section className="card" aria-labelledby="plan-title">
      <h2 id="plan-title">{t("plan.title")}</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setDone(false);
          plan.mutate();
        }}
      >
        <Field label={t("plan.kind")}>
          {(props) => (
            <select {...props} value={kind} onChange={(e) => setKind(e.target.value as NextKind)}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`plan.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("plan.when")} error={errors.scheduled_at ?? errors.due_at}>
          {(props) => <input {...props} type="datetime-local" required value={when} onChange={(e) => setWhen(e.target.value)} />}
        </Field>
        <Field label={t("log.subject")} error={errors.subject ?? errors.title}>
          {(props) => <input {...props} value={subject} onChange={(e) => setSubject(e.target.value)} />}
        </Field>
        <button type="submit" disabled={plan.isPending}>
          {t("plan.save")}
        </button>
      </form>
      {Object.keys(errors).length === 0 ? <ErrorMessage error={plan.error} /> : null}
      {done ? (
        <p className="success" role="status">
          {t("plan.saved")}
        </p>
      ) : null}
    </section>
  );
}

/** Longer notes are cut to this many characters until the reader expands them. */
const SHORT_BODY = 160;

/** One entry of a timeline: an interaction with its notes and author (a planned one can be
 * completed right here), a task (completed in place), one status move of a request (from
 * → to, by whom), or a deal's move. */
export function TimelineEntry({ item }: { item: TimelineItemRead }) {
  const { t, dateTime } = useI18n();
  const { claims, mayChange } = useAuth();
  const users = useUsers();
  const pipelines = usePipelines();
  const outcomes = useOutcomes();
  const outcomeLabel = (key: string | null) => (key ? (outcomes.data?.items.find((o) => o.key === key)?.label ?? key) : "");
  const person = (id: string | null | undefined) => (id && id === claims?.sub ? t("common.me") : users.name(id));
  const status = (s: string) => t(`request.status.${s}` as MessageKey);
  let kind = t(`timeline.${item.type}`);
  let text = "";
  let extra = "";
  let link: string | null = null;
  let body = "";
  if (item.interaction) {
    const i = item.interaction;
    kind = t(`channel.${i.channel}` as MessageKey);
    text = i.subject || "";
    body = i.body;
    extra = [
      i.status === "planned" ? t("timeline.planned") : i.status === "canceled" ? t("timeline.canceled") : "",
      outcomeLabel(i.outcome),
      t("timeline.by", { name: person(i.owner_id) }),
    ]
      .filter(Boolean)
      .join(" · ");
  } else if (item.task) {
    text = item.task.title;
    extra = item.task.status === "done" ? t("timeline.done") : item.task.due_at ? t("timeline.due", { when: dateTime(item.task.due_at) }) : "";
  } else if (item.request) {
    text = item.request.subject;
    link = `/requests/${item.request.id}`;
    const move = item.change;
    extra = move
      ? [
          move.from_status ? t("request.moved", { from: status(move.from_status), to: status(move.to_status) }) : t("request.registeredAs", { to: status(move.to_status) }),
          move.by ? t("timeline.by", { name: person(move.by) }) : "",
        ]
          .filter(Boolean)
          .join(" · ")
      : status(item.request.status);
  } else if (item.deal) {
    text = item.deal.title;
    link = `/deals/${item.deal.id}`;
    const to = pipelines.stage(item.stage_change?.to_stage_id);
    extra = to ? t("timeline.movedTo", { stage: to.name }) : "";
  }
  // Display hints: the write level reaches it (an interaction's participants and a task's
  // assignee count as theirs); the API decides.
  const plannedCall = item.interaction?.status === "planned" && mayChange("interactions", item.interaction);
  const openTask = item.task && item.task.status !== "done" && item.task.status !== "canceled" && mayChange("tasks", item.task);
  return (
    <li className={`timeline-item timeline-${item.type}`}>
      <time dateTime={item.at}>{dateTime(item.at)}</time>
      <span className="timeline-kind">{kind}</span>
      <span className="timeline-text">{link ? <Link to={link}>{text}</Link> : text || <span className="muted">—</span>}</span>
      {extra ? <span className="muted small">{extra}</span> : null}
      {body ? <Notes text={body} /> : null}
      {plannedCall || openTask ? <CompleteInPlace item={item} title={text || kind} /> : null}
    </li>
  );
}

function Notes({ text }: { text: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const long = text.length > SHORT_BODY;
  return (
    <p className="timeline-body">
      {long && !open ? `${text.slice(0, SHORT_BODY).trimEnd()}…` : text}
      {long ? (
        <>
          {" "}
          <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? t("timeline.showLess") : t("timeline.showMore")}
          </button>
        </>
      ) : null}
    </p>
  );
}

/** A planned interaction (with its outcome) or an open task, marked done on the timeline. */
function CompleteInPlace({ item, title }: { item: TimelineItemRead; title: string }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const outcomes = useOutcomes();
  const outcomeId = useId();
  const [outcome, setOutcome] = useState("");
  const complete = useMutation({
    mutationFn: async () => {
      if (item.task) {
        return ok(tasksUpdate({ client, path: { task_id: item.task.id }, headers: { "if-match": etagOf(item.task.version) }, body: { status: "done" } }));
      }
      const i = item.interaction!;
      return ok(interactionsComplete({ client, path: { interaction_id: i.id }, headers: { "if-match": etagOf(i.version) }, body: { outcome } }));
    },
    onSuccess: () => {
      const contactId = item.task?.contact_id ?? item.interaction?.contact_id;
      void queryClient.invalidateQueries({ queryKey: ["timeline", contactId] });
      void queryClient.invalidateQueries({ queryKey: ["contact", contactId] });
      void queryClient.invalidateQueries({ queryKey: ["agenda"] });
    },
  });
  const errors = fieldErrors(complete.error);
  return (
    <form
      className="timeline-actions"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        complete.mutate();
      }}
    >
      {item.interaction ? (
        <>
          <label htmlFor={outcomeId}>
            {t("log.outcome")}
            <span className="visually-hidden">: {title}</span>
          </label>
          <select
            id={outcomeId}
            value={outcome}
            aria-invalid={errors.outcome ? true : undefined}
            onChange={(e) => setOutcome(e.target.value)}
          >
            <option value="">—</option>
            {(outcomes.data?.items ?? [])
              .filter((o) => o.active)
              .map((o) => (
                <option key={o.key} value={o.key}>
                  {o.label}
                </option>
              ))}
          </select>
        </>
      ) : null}
      <button type="submit" disabled={complete.isPending}>
        {t("timeline.markDone")}
        <span className="visually-hidden">: {title}</span>
      </button>
      <ErrorMessage error={complete.error} />
    </form>
  );
}

function Timeline({ contactId }: { contactId: string }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const timeline = useInfiniteQuery({
    queryKey: ["timeline", contactId],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => ok(contactsTimeline({ client, path: { contact_id: contactId }, query: { limit: 25, cursor: pageParam } })),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const items = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("timeline.title")}</h2>
      <ErrorMessage error={timeline.error} />
      {timeline.isLoading ? <Loading /> : null}
      {timeline.isSuccess && items.length === 0 ? <p className="muted">{t("timeline.empty")}</p> : null}
      <ol className="timeline">
        {items.map((item) => (
          <TimelineEntry key={`${item.type}-${item.id}`} item={item} />
        ))}
      </ol>
      <LoadMore hasMore={Boolean(timeline.hasNextPage)} busy={timeline.isFetchingNextPage} onVisible={() => void timeline.fetchNextPage()} />
    </section>
  );
}

/** E-mail addresses or phone numbers, each a link that writes or calls; a dash for none. */
function Links({ scheme, values }: { scheme: "mailto" | "tel"; values: string[] }) {
  if (!values.length) return <>—</>;
  return (
    <>
      {values.map((value) => (
        <div key={value}>
          <a href={`${scheme}:${value}`}>{value}</a>
        </div>
      ))}
    </>
  );
}
