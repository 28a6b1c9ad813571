// One deal: its facts (editable: title, amount, contact, company, close date, owner), a
// "Move to" list and the stage history. A save sends only what changed, with the ETag of
// the version the form started from; a 412 (someone saved in between) reloads the deal.
import {
  contactsGet,
  type DealRead,
  dealsGet,
  dealsStageChanges,
  dealsUpdate,
  type DealUpdate,
  type StageRead,
} from "@crm/sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router";

import { etagOf, fieldErrors, isConflict, ok, withEtag } from "../api";
import { useAuth } from "../auth";
import { AMOUNT_INPUT, useAmountParser } from "../components/AmountInput";
import { type Choice, RecordPicker } from "../components/RecordPicker";
import { ErrorMessage, Field, Loading, Money, PageHeader } from "../components/ui";
import { type MessageKey, useI18n } from "../i18n";
import { useCompany, usePipelines, useRecordSearch, useUsers } from "../lookups";
import { formatAmountInput } from "../money";
import { LostReasonDialog, type Move, MoveSelect, useMoveDeal } from "./Board";

function useContactName(id: string | null | undefined) {
  const { client } = useAuth();
  const contact = useQuery({
    queryKey: ["contact", id],
    enabled: Boolean(id),
    staleTime: 60_000,
    queryFn: () => ok(contactsGet({ client, path: { contact_id: id! } })),
  });
  return contact.data ? contact.data.full_name || contact.data.emails[0]?.email || "—" : undefined;
}

export default function DealPage() {
  const { id } = useParams();
  const { t, date, dateTime } = useI18n();
  const { client, mayChange } = useAuth();
  const pipelines = usePipelines();
  const users = useUsers();
  const deal = useQuery({ queryKey: ["deal", id], queryFn: () => withEtag(dealsGet({ client, path: { deal_id: id! } })) });
  const history = useQuery({
    queryKey: ["deal", id, "history"],
    queryFn: () => ok(dealsStageChanges({ client, path: { deal_id: id! } })),
  });
  const contactName = useContactName(deal.data?.data.contact_id);
  const company = useCompany(deal.data?.data.company_id);
  const move = useMoveDeal(deal.data?.data.pipeline_id);
  const [asking, setAsking] = useState<Move | null>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);

  if (deal.isLoading) return <Loading />;
  if (!deal.data) return <ErrorMessage error={deal.error} />;
  const d = deal.data.data;
  const pipeline = pipelines.byId.get(d.pipeline_id);
  const onMove = (stage: StageRead) => {
    if (stage.kind === "lost") setAsking({ deal: d, stage });
    else move.mutate({ deal: d, stage });
  };
  // A display hint: the write level for deals reaches this one (the API decides).
  const writable = mayChange("deals", d);

  return (
    <>
      <PageHeader title={d.title} />
      <div className="columns">
        <section className="card column-main" aria-labelledby="deal-facts">
          <div className="card-head">
            <h2 id="deal-facts">{editing ? t("deal.edit") : t("deal.facts")}</h2>
            {writable && !editing ? (
              <button
                ref={editButton}
                type="button"
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              >
                {t("common.edit")}
              </button>
            ) : null}
          </div>
          <p className="visually-hidden" role="status" aria-live="polite">
            {saved ? t("common.saved") : ""}
          </p>
          {editing ? (
            <DealForm
              deal={d}
              etag={deal.data.etag}
              contactName={contactName}
              companyName={company.data?.name}
              reload={async () => (await deal.refetch()).data?.data}
              onDone={(didSave) => {
                setEditing(false);
                setSaved(didSave);
                setTimeout(() => editButton.current?.focus());
              }}
            />
          ) : (
            <dl className="details">
              <dt>{t("deal.amount")}</dt>
              <dd>
                <Money amount={d.amount} currency={d.currency} />
              </dd>
              <dt>{t("deal.stage")}</dt>
              <dd>
                {pipelines.stage(d.stage_id)?.name ?? "—"} ({t(`deal.status.${d.status}` as MessageKey)})
              </dd>
              <dt>{t("deal.expectedClose")}</dt>
              <dd>{date(d.expected_close)}</dd>
              <dt>{t("contacts.owner")}</dt>
              <dd>{users.name(d.owner_id)}</dd>
              <dt>{t("deal.contact")}</dt>
              <dd>{d.contact_id ? <Link to={`/contacts/${d.contact_id}`}>{contactName ?? t("deal.openContact")}</Link> : "—"}</dd>
              <dt>{t("deal.company")}</dt>
              <dd>{d.company_id ? <Link to={`/companies/${d.company_id}`}>{company.data?.name ?? t("deal.openCompany")}</Link> : "—"}</dd>
              {d.lost_reason ? (
                <>
                  <dt>{t("board.lostReason")}</dt>
                  <dd>{d.lost_reason}</dd>
                </>
              ) : null}
            </dl>
          )}
          {writable && pipeline && !editing ? (
            <p>
              <MoveSelect deal={d} stages={pipeline.stages} onMove={onMove} />
            </p>
          ) : null}
          <ErrorMessage error={!asking ? move.error : null} />
        </section>
        <section className="card column-side" aria-labelledby="deal-history">
          <h2 id="deal-history">{t("deal.history")}</h2>
          <ErrorMessage error={history.error} />
          <ol className="timeline">
            {history.data?.items.map((change) => (
              <li key={change.id} className="timeline-item">
                <time dateTime={change.at}>{dateTime(change.at)}</time>
                <span>
                  {change.from_stage_id ? `${pipelines.stage(change.from_stage_id)?.name ?? "?"} → ` : ""}
                  {pipelines.stage(change.to_stage_id)?.name ?? "?"}
                </span>
                <span className="muted small">{users.name(change.by)}</span>
              </li>
            ))}
          </ol>
        </section>
      </div>
      {asking ? (
        <LostReasonDialog
          move={asking}
          busy={move.isPending}
          error={move.error}
          onCancel={() => setAsking(null)}
          onConfirm={(reason) => move.mutate({ ...asking, lostReason: reason }, { onSuccess: () => setAsking(null) })}
        />
      ) : null}
    </>
  );
}

interface Draft {
  title: string;
  amount: string;
  currency: string;
  contact: Choice | null;
  company: Choice | null;
  expected_close: string;
  owner_id: string;
}

interface DealFormProps {
  deal: DealRead;
  etag: string | null;
  contactName: string | undefined;
  companyName: string | undefined;
  /** Reads the deal again (after a 412); resolves to its current version. */
  reload: () => Promise<DealRead | undefined>;
  onDone: (saved: boolean) => void;
}

function DealForm({ deal, etag, contactName, companyName, reload, onDone }: DealFormProps) {
  const { t, locale } = useI18n();
  const { client, can } = useAuth();
  const queryClient = useQueryClient();
  const users = useUsers();
  const search = useRecordSearch();
  const readAmount = useAmountParser();
  const amountRef = useRef<HTMLInputElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  // Opening the editor puts the focus on its first field.
  useEffect(() => titleRef.current?.focus(), []);

  const draftOf = (d: DealRead, names: { contact?: string; company?: string } = {}): Draft => ({
    title: d.title,
    amount: formatAmountInput(d.amount, d.currency, locale),
    currency: d.currency,
    contact: d.contact_id ? { id: d.contact_id, label: names.contact ?? "…" } : null,
    company: d.company_id ? { id: d.company_id, label: names.company ?? "…" } : null,
    expected_close: d.expected_close ?? "",
    owner_id: d.owner_id,
  });
  // The version the form started from: its ETag goes with the save, so a change someone
  // made in between is a 412, never silently overwritten.
  const [base, setBase] = useState({ deal, etag: etag ?? etagOf(deal.version) });
  const [draft, setDraft] = useState<Draft>(() => draftOf(deal, { contact: contactName, company: companyName }));
  const [amountError, setAmountError] = useState<string | null>(null);
  const [reloaded, setReloaded] = useState(false);

  const save = useMutation({
    mutationFn: (body: DealUpdate) =>
      withEtag(dealsUpdate({ client, path: { deal_id: deal.id }, headers: { "if-match": base.etag }, body })),
    onSuccess: (result) => {
      queryClient.setQueryData(["deal", deal.id], result);
      void queryClient.invalidateQueries({ queryKey: ["deal", deal.id] });
      void queryClient.invalidateQueries({ queryKey: ["board"] });
      void queryClient.invalidateQueries({ queryKey: ["deals"] });
      void queryClient.invalidateQueries({ queryKey: ["reports"] });
      onDone(true);
    },
    onError: async (error) => {
      if (!isConflict(error)) return;
      const current = await reload();
      if (current) {
        setBase({ deal: current, etag: etagOf(current.version) });
        setDraft(draftOf(current));
        setReloaded(true);
      }
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setReloaded(false);
    const before = base.deal;
    const body: DealUpdate = {};
    const title = draft.title.trim();
    if (title !== before.title) body.title = title;
    const currency = draft.currency.trim().toUpperCase();
    if (currency !== before.currency) body.currency = currency;
    const amount = readAmount(draft.amount, currency || before.currency, { required: true });
    if (!amount.ok) {
      setAmountError(amount.message);
      amountRef.current?.focus();
      return;
    }
    if (amount.minor !== before.amount || body.currency) body.amount = amount.minor;
    if ((draft.contact?.id ?? null) !== before.contact_id) body.contact_id = draft.contact?.id ?? null;
    if ((draft.company?.id ?? null) !== before.company_id) body.company_id = draft.company?.id ?? null;
    if ((draft.expected_close || null) !== (before.expected_close ?? null)) body.expected_close = draft.expected_close || null;
    if (draft.owner_id !== before.owner_id) body.owner_id = draft.owner_id;
    if (Object.keys(body).length === 0) {
      onDone(false);
      return;
    }
    save.mutate(body);
  };

  // A linked record whose name was not known yet (after a reload) gets it when it comes.
  const linkedContact = useContactName(draft.contact?.label === "…" ? draft.contact.id : null);
  const linkedCompany = useCompany(draft.company?.label === "…" ? draft.company.id : null).data?.name;
  const contactValue = draft.contact && draft.contact.label === "…" && linkedContact ? { ...draft.contact, label: linkedContact } : draft.contact;
  const companyValue = draft.company && draft.company.label === "…" && linkedCompany ? { ...draft.company, label: linkedCompany } : draft.company;
  const errors = fieldErrors(save.error);
  const conflict = isConflict(save.error);
  const set = (name: "title" | "currency" | "expected_close" | "owner_id") => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [name]: e.target.value }));
  const owners = users.list.some((u) => u.id === draft.owner_id)
    ? users.list
    : [{ id: draft.owner_id, full_name: users.name(draft.owner_id) }, ...users.list];

  return (
    <form className="stack" onSubmit={submit} noValidate>
      {conflict || reloaded ? (
        <div className="notice" role="alert">
          <p>{t("deal.conflict")}</p>
        </div>
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <p className="error" role="alert">
          {t("common.fixFields")}
        </p>
      ) : null}
      {save.error && !conflict && Object.keys(errors).length === 0 ? <ErrorMessage error={save.error} /> : null}
      <div className="form-grid">
        <Field label={t("deal.title")} error={errors.title}>
          {(props) => <input {...props} ref={titleRef} required value={draft.title} onChange={set("title")} />}
        </Field>
        <div className="inline-form">
          <Field label={t("deal.amount")} error={amountError ?? errors.amount}>
            {(props) => (
              <input
                {...props}
                {...AMOUNT_INPUT}
                ref={amountRef}
                required
                value={draft.amount}
                onChange={(e) => {
                  setAmountError(null);
                  setDraft((d) => ({ ...d, amount: e.target.value }));
                }}
              />
            )}
          </Field>
          <Field label={t("convert.currency")} error={errors.currency}>
            {(props) => <input {...props} maxLength={3} size={4} value={draft.currency} onChange={set("currency")} />}
          </Field>
        </div>
        <RecordPicker
          label={t("deal.contact")}
          kind="contacts"
          value={contactValue}
          error={errors.contact_id}
          onChange={(contact) => setDraft((d) => ({ ...d, contact }))}
          search={search.contacts}
        />
        <RecordPicker
          label={t("deal.company")}
          kind="companies"
          value={companyValue}
          error={errors.company_id}
          onChange={(company) => setDraft((d) => ({ ...d, company }))}
          search={search.companies}
        />
        <Field label={t("deal.expectedClose")} error={errors.expected_close}>
          {(props) => <input {...props} type="date" value={draft.expected_close} onChange={set("expected_close")} />}
        </Field>
        {/* The colleagues the API lists to the caller (their scope, active) are whom they may assign. */}
        {can("users:read") && users.list.length > 0 ? (
          <Field label={t("contacts.owner")} error={errors.owner_id}>
            {(props) => (
              <select {...props} value={draft.owner_id} onChange={set("owner_id")}>
                {owners.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.full_name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t("common.save")}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
