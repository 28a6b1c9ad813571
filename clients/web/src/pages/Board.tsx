// The funnel board of a pipeline: a column per stage with its count and totals per
// currency. Deals move by drag and drop, or with the "Move to" select on each card (the
// keyboard and touch way: choose, then Move). Dropping on a lost stage asks why first.
// On touch screens and narrow windows there is no drag and drop (a sideways swipe
// scrolls, or goes Back): the cards are not draggable and the hint tells the tap way.
import { type BoardCard, type BoardColumn, type DealRead, dealsCreate, dealsMove, pipelinesBoard, type PipelineRead, type StageRead } from "@crm/sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type DragEvent, type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";

import { fieldErrors, ok } from "../api";
import { useAuth } from "../auth";
import { AMOUNT_INPUT, useAmountParser } from "../components/AmountInput";
import { type Choice, RecordPicker } from "../components/RecordPicker";
import { CustomFieldInputs, useCustomFieldDraft } from "../components/CustomFieldInputs";
import { Dialog, ErrorMessage, Field, Loading, Money, PageHeader, Totals } from "../components/ui";
import { type MessageKey, useI18n } from "../i18n";
import { usePipelines, useRecordSearch, useUsers } from "../lookups";
import { useTouchLayout } from "../media";

export interface Move {
  deal: DealRead;
  stage: StageRead;
  lostReason?: string;
}

export function useMoveDeal(pipelineId: string | undefined) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ deal, stage, lostReason }: Move) =>
      ok(dealsMove({ client, path: { deal_id: deal.id }, body: { stage_id: stage.id, lost_reason: lostReason ?? null } })),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ["board", pipelineId] });
      void queryClient.invalidateQueries({ queryKey: ["deals"] });
      void queryClient.invalidateQueries({ queryKey: ["deal"] });
      void queryClient.invalidateQueries({ queryKey: ["reports"] });
    },
  });
}

export function BoardPage() {
  const { t } = useI18n();
  const { client, can, mayChange } = useAuth();
  const pipelines = usePipelines();
  const [params, setParams] = useSearchParams();
  const pipelineId = params.get("pipeline") || pipelines.defaultId;
  const pickerId = useId();
  const board = useQuery({
    queryKey: ["board", pipelineId],
    enabled: Boolean(pipelineId),
    queryFn: () => ok(pipelinesBoard({ client, path: { pipeline_id: pipelineId! }, query: { per_stage: 50 } })),
  });
  const move = useMoveDeal(pipelineId);
  const [asking, setAsking] = useState<Move | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");
  const [creating, setCreating] = useState(false);
  // After a move the card is drawn anew in its new column: the focus goes back to it.
  const [refocus, setRefocus] = useState<{ deal: string; stage: string } | null>(null);
  const writable = can("deals:write");
  const touch = useTouchLayout();
  useEffect(() => {
    if (!refocus) return;
    const card = document.querySelector<HTMLElement>(`[data-deal-id="${refocus.deal}"][data-stage-id="${refocus.stage}"]`);
    const target = card?.querySelector<HTMLElement>("[data-move-select]") ?? card?.querySelector<HTMLElement>("a");
    if (target) {
      target.focus();
      setRefocus(null);
    }
  }, [board.data, refocus]);

  const deals = new Map(board.data?.columns.flatMap((col) => col.deals.map((d) => [d.id, d] as const)) ?? []);

  const request = (deal: DealRead, stage: StageRead) => {
    if (deal.stage_id === stage.id || !mayChange("deals", deal)) return;
    if (stage.kind === "lost") {
      setAsking({ deal, stage });
      return;
    }
    run({ deal, stage });
  };
  const run = (m: Move) => {
    move.mutate(m, {
      onSuccess: (moved) => {
        setAsking(null);
        setAnnounce(t("board.moved", { deal: m.deal.title, stage: m.stage.name }));
        setRefocus({ deal: moved.id, stage: moved.stage_id });
      },
    });
  };

  return (
    <>
      <PageHeader
        title={t("board.title")}
        actions={
          <>
            {pipelines.list.length > 1 ? (
              <span className="field inline">
                <label htmlFor={pickerId}>{t("board.pipeline")}</label>
                <select id={pickerId} value={pipelineId ?? ""} onChange={(e) => setParams({ pipeline: e.target.value })}>
                  {pipelines.list.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </span>
            ) : null}
            {writable && board.data ? (
              <button type="button" className="primary" onClick={() => setCreating(true)}>
                {t("board.newDeal")}
              </button>
            ) : null}
          </>
        }
      />
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      {writable ? <p className="muted small board-hint">{t(touch ? "board.hintTouch" : "board.hint")}</p> : null}
      {board.isLoading || pipelines.isLoading ? <Loading /> : null}
      <ErrorMessage error={board.error} />
      {move.error && !asking ? <ErrorMessage error={move.error} /> : null}
      {board.data ? (
        <div className="board">
          {board.data.columns.map((column) => (
            <Column
              key={column.stage.id}
              column={column}
              stages={board.data.pipeline.stages}
              writable={writable}
              draggable={writable && !touch}
              highlighted={over === column.stage.id}
              onDragOver={(e) => {
                if (!dragging) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = "move";
                setOver(column.stage.id);
              }}
              onDragLeave={() => setOver((current) => (current === column.stage.id ? null : current))}
              onDrop={(e) => {
                e.preventDefault();
                setOver(null);
                const id = e.dataTransfer.getData("text/plain") || dragging;
                const deal = id ? deals.get(id) : undefined;
                setDragging(null);
                if (deal) request(deal, column.stage);
              }}
              onDragStart={(deal) => setDragging(deal.id)}
              onDragEnd={() => {
                setDragging(null);
                setOver(null);
              }}
              onMove={request}
            />
          ))}
        </div>
      ) : null}
      {creating && board.data ? <NewDealDialog pipeline={board.data.pipeline} onClose={() => setCreating(false)} /> : null}
      {asking ? (
        <LostReasonDialog
          move={asking}
          busy={move.isPending}
          error={move.error}
          onCancel={() => {
            setAsking(null);
            move.reset();
          }}
          onConfirm={(reason) => run({ ...asking, lostReason: reason })}
        />
      ) : null}
    </>
  );
}

interface ColumnProps {
  column: BoardColumn;
  stages: StageRead[];
  writable: boolean;
  draggable: boolean;
  highlighted: boolean;
  onDragOver: (e: DragEvent) => void;
  onDragLeave: () => void;
  onDrop: (e: DragEvent) => void;
  onDragStart: (deal: DealRead) => void;
  onDragEnd: () => void;
  onMove: (deal: DealRead, stage: StageRead) => void;
}

function Column({ column, stages, writable, draggable, highlighted, onDragOver, onDragLeave, onDrop, onDragStart, onDragEnd, onMove }: ColumnProps) {
  const { t, percent, date } = useI18n();
  const { claims, mayChange } = useAuth();
  const users = useUsers();
  const headingId = useId();
  const now = Date.now();
  const { stage } = column;
  return (
    <section
      className={`board-column kind-${stage.kind}${highlighted ? " drop-target" : ""}`}
      aria-labelledby={headingId}
      data-stage={stage.name}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <header className="board-column-head">
        <h2 id={headingId}>{stage.name}</h2>
        <span className="muted small">
          {t("board.count", { count: column.count })} · {percent(stage.probability / 100)}
        </span>
        <div className="board-totals" data-testid="stage-totals">
          <Totals totals={column.totals} />
        </div>
      </header>
      <ul className="board-cards">
        {column.deals.map((deal) => {
          // A display hint: only deals the write level reaches move (the API decides).
          const movable = writable && mayChange("deals", deal);
          return (
            <li
              key={deal.id}
              className="deal-card"
              draggable={draggable && movable}
              data-deal={deal.title}
              data-deal-id={deal.id}
              data-stage-id={deal.stage_id}
              onDragStart={(e) => {
                e.dataTransfer.setData("text/plain", deal.id);
                e.dataTransfer.effectAllowed = "move";
                onDragStart(deal);
              }}
              onDragEnd={onDragEnd}
            >
              <Link to={`/deals/${deal.id}`} className="deal-title">
                {deal.title}
              </Link>
              <Money amount={deal.amount} currency={deal.currency} />
              <CardParty deal={deal} />
              <NextActivity deal={deal} now={now} />
              <p className="deal-meta muted small">
                {deal.expected_close ? <span>{t("board.closes", { date: date(deal.expected_close) })}</span> : null}
                {deal.status === "open" ? <span>{t("board.inStage", { count: daysSince(deal.stage_entered_at, now) })}</span> : null}
                <span>{t("board.ownedBy", { name: deal.owner_id === claims?.sub ? t("common.me") : users.name(deal.owner_id) })}</span>
              </p>
              {movable ? (
                <MoveSelect deal={deal} stages={stages} onMove={(target) => onMove(deal, target)} />
              ) : null}
            </li>
          );
        })}
      </ul>
      {column.count > column.deals.length ? (
        <p className="muted small">{t("board.more", { count: column.count - column.deals.length })}</p>
      ) : null}
    </section>
  );
}

/** Who the deal is with: its company, else its contact (the API names only what the
 * caller may read). */
function CardParty({ deal }: { deal: BoardCard }) {
  const { t } = useI18n();
  if (deal.company_id && deal.company_name) {
    return (
      <p className="deal-party small">
        <span className="visually-hidden">{t("deal.company")}: </span>
        <Link to={`/companies/${deal.company_id}`}>{deal.company_name}</Link>
      </p>
    );
  }
  if (deal.contact_id && deal.contact_name) {
    return (
      <p className="deal-party small">
        <span className="visually-hidden">{t("deal.contact")}: </span>
        <Link to={`/contacts/${deal.contact_id}`}>{deal.contact_name}</Link>
      </p>
    );
  }
  return null;
}

export type DueState = "overdue" | "today" | "later";

/** Overdue as the API says; otherwise today or later, days as the browser's time zone
 * counts them (as My day groups them). */
export function dueState(activity: { due: string; overdue: boolean }, now: number): DueState {
  if (activity.overdue) return "overdue";
  const endOfToday = new Date(now);
  endOfToday.setHours(24, 0, 0, 0);
  return Date.parse(activity.due) < endOfToday.getTime() ? "today" : "later";
}

const DUE_LABEL: Record<DueState, "board.dueOverdue" | "board.dueToday" | "board.dueLater"> = {
  overdue: "board.dueOverdue",
  today: "board.dueToday",
  later: "board.dueLater",
};

/** The deal's next task or planned interaction, with its due state in words (not only
 * colour) and its time. */
function NextActivity({ deal, now }: { deal: BoardCard; now: number }) {
  const { t, dateTime } = useI18n();
  const next = deal.next_activity;
  if (!next) {
    return deal.status === "open" ? <p className="deal-next none small muted">{t("board.noNext")}</p> : null;
  }
  const state = dueState(next, now);
  const title = next.title || (next.channel ? t(`channel.${next.channel}` as MessageKey) : "");
  return (
    <p className={`deal-next due-${state} small`} data-due={state}>
      <span className="due-badge">{t(DUE_LABEL[state])}</span>{" "}
      <span>{t("board.next", { title })}</span>{" "}
      <time dateTime={next.due} className="muted">
        {dateTime(next.due)}
      </time>
    </p>
  );
}

/** Whole days from an instant to now (0 for a missing or future instant). */
export function daysSince(iso: string | null | undefined, now: number): number {
  const then = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(then)) return 0;
  return Math.max(0, Math.floor((now - then) / 86_400_000));
}

/**
 * The keyboard way to move a deal: the list only chooses (arrow keys browse it, as they
 * change a closed select's value in Chromium), the deal moves on an explicit choice: the
 * Move button, or Enter on the list.
 */
export function MoveSelect({ deal, stages, onMove }: { deal: DealRead; stages: StageRead[]; onMove: (stage: StageRead) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [choice, setChoice] = useState(deal.stage_id);
  useEffect(() => setChoice(deal.stage_id), [deal.stage_id]);
  const target = stages.find((s) => s.id === choice);
  const chosen = target !== undefined && target.id !== deal.stage_id;
  const confirm = () => {
    if (chosen) onMove(target);
  };
  return (
    <span className="move-to">
      <label htmlFor={id} className="visually-hidden">
        {t("board.moveTo", { deal: deal.title })}
      </label>
      <select
        id={id}
        data-move-select
        value={choice}
        onChange={(e) => setChoice(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            confirm();
          }
        }}
      >
        {stages.map((s) => (
          <option key={s.id} value={s.id}>
            {s.id === deal.stage_id ? s.name : t("board.moveOption", { stage: s.name })}
          </option>
        ))}
      </select>
      {/* Never disabled: a disabled button drops the focus to the page. */}
      <button type="button" aria-disabled={!chosen} aria-label={t("board.moveDeal", { deal: deal.title })} onClick={confirm}>
        {t("board.move")}
      </button>
    </span>
  );
}

export function LostReasonDialog({
  move,
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  move: Move;
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const errors = fieldErrors(error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onConfirm(reason.trim());
  };
  return (
    <Dialog title={t("board.lostTitle", { deal: move.deal.title })} onClose={onCancel}>
      <form className="stack" onSubmit={submit}>
        <Field label={t("board.lostReason")} error={errors.lost_reason}>
          {(props) => <textarea {...props} rows={3} required value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        {Object.keys(errors).length === 0 ? <ErrorMessage error={error} /> : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || reason.trim() === ""}>
            {t("board.markLost", { stage: move.stage.name })}
          </button>
          <button type="button" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function NewDealDialog({ pipeline, onClose }: { pipeline: PipelineRead; onClose: () => void }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const open = pipeline.stages.filter((s) => s.kind === "open");
  const [draft, setDraft] = useState({ title: "", amount: "", currency: "EUR", stage_id: open[0]?.id ?? "", expected_close: "" });
  const [contact, setContact] = useState<Choice | null>(null);
  const [company, setCompany] = useState<Choice | null>(null);
  const search = useRecordSearch();
  const [amountError, setAmountError] = useState<string | null>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const readAmount = useAmountParser();
  const custom = useCustomFieldDraft("deal");
  const create = useMutation({
    mutationFn: (amount: number | null) => {
      const currency = draft.currency.trim().toUpperCase();
      return ok(
        dealsCreate({
          client,
          body: {
            title: draft.title.trim(),
            pipeline_id: pipeline.id,
            stage_id: draft.stage_id || null,
            currency: currency || null,
            amount,
            expected_close: draft.expected_close || null,
            ...(contact ? { contact_id: contact.id } : {}),
            ...(company ? { company_id: company.id } : {}),
            custom_fields: custom.created(),
          },
        }),
      );
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["board", pipeline.id] });
      void queryClient.invalidateQueries({ queryKey: ["reports"] });
      onClose();
    },
  });
  const errors = fieldErrors(create.error);
  const set = (name: keyof typeof draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [name]: e.target.value }));
  return (
    <Dialog title={t("board.newDeal")} onClose={onClose}>
      <form
        className="stack"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          const amount = readAmount(draft.amount, draft.currency);
          if (!amount.ok) {
            setAmountError(amount.message);
            amountRef.current?.focus();
            return;
          }
          create.mutate(amount.minor);
        }}
      >
        <Field label={t("convert.dealTitle")} error={errors.title}>
          {(props) => <input {...props} required value={draft.title} onChange={set("title")} />}
        </Field>
        <div className="inline-form">
          <Field label={t("convert.amount")} error={amountError ?? errors.amount}>
            {(props) => (
              <input
                {...props}
                {...AMOUNT_INPUT}
                ref={amountRef}
                value={draft.amount}
                onChange={(e) => {
                  setAmountError(null);
                  set("amount")(e);
                }}
              />
            )}
          </Field>
          <Field label={t("convert.currency")} error={errors.currency}>
            {(props) => <input {...props} maxLength={3} size={4} value={draft.currency} onChange={set("currency")} />}
          </Field>
        </div>
        <Field label={t("board.stage")} error={errors.stage_id}>
          {(props) => (
            <select {...props} value={draft.stage_id} onChange={set("stage_id")}>
              {open.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("deal.expectedClose")} error={errors.expected_close}>
          {(props) => <input {...props} type="date" value={draft.expected_close} onChange={set("expected_close")} />}
        </Field>
        <RecordPicker
          label={t("deal.contact")}
          kind="contacts"
          value={contact}
          error={errors.contact_id}
          onChange={setContact}
          search={search.contacts}
        />
        <RecordPicker
          label={t("deal.company")}
          kind="companies"
          value={company}
          error={errors.company_id}
          onChange={setCompany}
          search={search.companies}
        />
        <CustomFieldInputs fields={custom} errors={errors} />
        {Object.keys(errors).length === 0 ? <ErrorMessage error={create.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={create.isPending || !draft.title.trim()}>
            {t("convert.save")}
          </button>
          <button type="button" onClick={onClose}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
