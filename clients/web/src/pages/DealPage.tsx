// One deal: its facts, a "Move to" select and the stage history.
import { dealsGet, dealsStageChanges, type StageRead } from "@crm/sdk";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";

import { ok } from "../api";
import { useAuth } from "../auth";
import { ErrorMessage, Loading, Money, PageHeader } from "../components/ui";
import { type MessageKey, useI18n } from "../i18n";
import { usePipelines, useUsers } from "../lookups";
import { LostReasonDialog, type Move, MoveSelect, useMoveDeal } from "./Board";

export default function DealPage() {
  const { id } = useParams();
  const { t, date, dateTime } = useI18n();
  const { client, can } = useAuth();
  const pipelines = usePipelines();
  const users = useUsers();
  const deal = useQuery({ queryKey: ["deal", id], queryFn: () => ok(dealsGet({ client, path: { deal_id: id! } })) });
  const history = useQuery({
    queryKey: ["deal", id, "history"],
    queryFn: () => ok(dealsStageChanges({ client, path: { deal_id: id! } })),
  });
  const move = useMoveDeal(deal.data?.pipeline_id);
  const [asking, setAsking] = useState<Move | null>(null);

  if (deal.isLoading) return <Loading />;
  if (!deal.data) return <ErrorMessage error={deal.error} />;
  const d = deal.data;
  const pipeline = pipelines.byId.get(d.pipeline_id);
  const onMove = (stage: StageRead) => {
    if (stage.kind === "lost") setAsking({ deal: d, stage });
    else move.mutate({ deal: d, stage });
  };

  return (
    <>
      <PageHeader title={d.title} />
      <div className="columns">
        <section className="card column-main" aria-labelledby="deal-facts">
          <h2 id="deal-facts">{t("deal.facts")}</h2>
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
            {d.contact_id ? (
              <>
                <dt>{t("deal.contact")}</dt>
                <dd>
                  <Link to={`/contacts/${d.contact_id}`}>{t("deal.openContact")}</Link>
                </dd>
              </>
            ) : null}
            {d.lost_reason ? (
              <>
                <dt>{t("board.lostReason")}</dt>
                <dd>{d.lost_reason}</dd>
              </>
            ) : null}
          </dl>
          {can("deals:write") && pipeline ? (
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
