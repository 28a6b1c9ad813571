// Forecast and funnel conversion for a period and a pipeline, as tables and bar charts.
import { type ForecastRowOut, type GroupBy, reportsForecast, reportsFunnel } from "@crm/sdk";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useSearchParams } from "react-router";

import { ok } from "../api";
import { useAuth } from "../auth";
import { BarChart } from "../components/BarChart";
import { ErrorMessage, Loading, PageHeader } from "../components/ui";
import { useI18n } from "../i18n";
import { usePipelines, useUsers } from "../lookups";

function yearBounds(): { from: string; to: string } {
  const year = new Date().getFullYear();
  return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
}

export default function ReportsPage() {
  const { t, money, number, percent } = useI18n();
  const { client } = useAuth();
  const pipelines = usePipelines();
  const users = useUsers();
  const [params, setParams] = useSearchParams();
  const id = useId();
  const bounds = yearBounds();
  const from = params.get("from") || bounds.from;
  const to = params.get("to") || bounds.to;
  const pipelineId = params.get("pipeline") || pipelines.defaultId;
  const groupBy = (params.get("group") as GroupBy | null) || "month";
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(name, value);
    setParams(next, { replace: true });
  };
  const period = { from, to, pipeline_id: pipelineId ?? null };

  const forecast = useQuery({
    queryKey: ["reports", "forecast", period, groupBy],
    enabled: Boolean(pipelineId),
    queryFn: () => ok(reportsForecast({ client, query: { ...period, group_by: groupBy } })),
  });
  const funnel = useQuery({
    queryKey: ["reports", "funnel", period],
    enabled: Boolean(pipelineId),
    queryFn: () => ok(reportsFunnel({ client, query: period })),
  });

  const rows = forecast.data?.rows ?? [];
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  const label = (row: ForecastRowOut) => (groupBy === "owner" ? users.name(row.key) : row.key);
  const sums = currencies.map((currency) => {
    const mine = rows.filter((r) => r.currency === currency);
    const sum = (f: (r: ForecastRowOut) => number) => mine.reduce((s, r) => s + f(r), 0);
    return { currency, open: sum((r) => r.open_amount), weighted: sum((r) => r.weighted_amount), won: sum((r) => r.won_amount) };
  });

  return (
    <>
      <PageHeader title={t("reports.title")} />
      <form className="filters" aria-label={t("reports.pickers")} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t("reports.from")}</label>
          <input id={`${id}-from`} type="date" value={from} onChange={(e) => e.target.value && set("from", e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t("reports.to")}</label>
          <input id={`${id}-to`} type="date" value={to} onChange={(e) => e.target.value && set("to", e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-pipeline`}>{t("board.pipeline")}</label>
          <select id={`${id}-pipeline`} value={pipelineId ?? ""} onChange={(e) => set("pipeline", e.target.value)}>
            {pipelines.list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-group`}>{t("reports.groupBy")}</label>
          <select id={`${id}-group`} value={groupBy} onChange={(e) => set("group", e.target.value)}>
            <option value="month">{t("reports.byMonth")}</option>
            <option value="owner">{t("reports.byOwner")}</option>
          </select>
        </div>
      </form>

      <section className="card" aria-labelledby="forecast-title">
        <h2 id="forecast-title">{t("reports.forecast")}</h2>
        {forecast.isLoading ? <Loading /> : null}
        <ErrorMessage error={forecast.error} />
        {forecast.isSuccess && rows.length === 0 ? <p className="muted">{t("reports.empty")}</p> : null}
        {sums.length > 0 ? (
          <ul className="kpis" data-testid="forecast-totals">
            {sums.map((s) => (
              <li key={s.currency}>
                <span className="muted small">
                  {t("reports.won")} ({s.currency})
                </span>
                <strong data-testid={`won-${s.currency}`}>{money(s.won, s.currency)}</strong>
                <span className="muted small">
                  {t("reports.weighted")}: {money(s.weighted, s.currency)}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        {currencies.map((currency) => (
          <BarChart
            key={currency}
            title={t("reports.chartForecast", { currency })}
            series={[
              { name: t("reports.weighted"), className: "bar-weighted" },
              { name: t("reports.won"), className: "bar-won" },
            ]}
            rows={rows
              .filter((r) => r.currency === currency)
              .map((r) => ({ label: label(r), values: [r.weighted_amount, r.won_amount] }))}
            format={(v) => money(v, currency)}
          />
        ))}
        {rows.length > 0 ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t("reports.forecast")}</caption>
              <thead>
                <tr>
                  <th scope="col">{groupBy === "owner" ? t("contacts.owner") : t("reports.month")}</th>
                  <th scope="col">{t("reports.currency")}</th>
                  <th scope="col" className="num">{t("reports.openDeals")}</th>
                  <th scope="col" className="num">{t("reports.open")}</th>
                  <th scope="col" className="num">{t("reports.weighted")}</th>
                  <th scope="col" className="num">{t("reports.wonDeals")}</th>
                  <th scope="col" className="num">{t("reports.won")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.key}-${r.currency}`}>
                    <th scope="row">{label(r)}</th>
                    <td>{r.currency}</td>
                    <td className="num">{number(r.open_deals)}</td>
                    <td className="num">{money(r.open_amount, r.currency)}</td>
                    <td className="num">{money(r.weighted_amount, r.currency)}</td>
                    <td className="num">{number(r.won_deals)}</td>
                    <td className="num">{money(r.won_amount, r.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="funnel-title">
        <h2 id="funnel-title">{t("reports.funnel")}</h2>
        {funnel.isLoading ? <Loading /> : null}
        <ErrorMessage error={funnel.error} />
        {funnel.data ? (
          <>
            <ul className="kpis">
              <li>
                <span className="muted small">{t("reports.created")}</span>
                <strong>{number(funnel.data.created)}</strong>
              </li>
              <li>
                <span className="muted small">{t("reports.wonDeals")}</span>
                <strong>{number(funnel.data.won)}</strong>
              </li>
              <li>
                <span className="muted small">{t("reports.lostDeals")}</span>
                <strong>{number(funnel.data.lost)}</strong>
              </li>
              <li>
                <span className="muted small">{t("reports.winRate")}</span>
                <strong>{funnel.data.win_rate === null ? "—" : percent(funnel.data.win_rate)}</strong>
              </li>
              <li>
                <span className="muted small">{t("reports.cycle")}</span>
                <strong>{funnel.data.average_cycle_days === null ? "—" : t("reports.days", { days: number(Math.round(funnel.data.average_cycle_days)) })}</strong>
              </li>
            </ul>
            <BarChart
              title={t("reports.chartFunnel")}
              series={[{ name: t("reports.reached"), className: "bar-reached" }]}
              rows={funnel.data.stages.map((s) => ({ label: s.name, values: [s.reached] }))}
              format={(v) => number(v)}
            />
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t("reports.funnel")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("reports.stage")}</th>
                    <th scope="col" className="num">{t("reports.reached")}</th>
                    <th scope="col" className="num">{t("reports.conversion")}</th>
                    <th scope="col" className="num">{t("reports.avgDays")}</th>
                  </tr>
                </thead>
                <tbody>
                  {funnel.data.stages.map((s) => (
                    <tr key={s.stage_id}>
                      <th scope="row">{s.name}</th>
                      <td className="num">{number(s.reached)}</td>
                      <td className="num">{s.conversion_from_previous === null ? "—" : percent(s.conversion_from_previous)}</td>
                      <td className="num">{s.average_days === null ? "—" : number(Math.round(s.average_days * 10) / 10)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </section>
    </>
  );
}
