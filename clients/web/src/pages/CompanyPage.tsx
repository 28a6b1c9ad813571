// One company: details, its contacts, its deals and its timeline.
import { companiesContacts, companiesGet, companiesTimeline, dealsList } from "@crm/sdk";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";

import { ok } from "../api";
import { useAuth } from "../auth";
import { ErrorMessage, Loading, Money, PageHeader, StageBadge } from "../components/ui";
import { useI18n } from "../i18n";
import { usePipelines } from "../lookups";
import { TimelineEntry } from "./ContactPage";

export default function CompanyPage() {
  const { id } = useParams();
  const companyId = id!;
  const { t } = useI18n();
  const { client, can, mayChange } = useAuth();
  const pipelines = usePipelines();
  const company = useQuery({ queryKey: ["company", companyId], queryFn: () => ok(companiesGet({ client, path: { company_id: companyId } })) });
  const contacts = useQuery({
    queryKey: ["company", companyId, "contacts"],
    queryFn: () => ok(companiesContacts({ client, path: { company_id: companyId }, query: { limit: 100 } })),
  });
  const deals = useQuery({
    queryKey: ["deals", { company_id: companyId }],
    enabled: can("deals:read"),
    queryFn: () => ok(dealsList({ client, query: { company_id: companyId, limit: 50 } })),
  });
  const timeline = useQuery({
    queryKey: ["company", companyId, "timeline"],
    queryFn: () => ok(companiesTimeline({ client, path: { company_id: companyId }, query: { limit: 30 } })),
  });
  if (company.isLoading) return <Loading />;
  if (!company.data) return <ErrorMessage error={company.error} />;
  const c = company.data;
  return (
    <>
      <PageHeader
        title={c.name}
        actions={
          // A display hint: the write level reaches this company (the API decides).
          mayChange("companies", c) ? (
            <Link className="button" to={`/companies/${c.id}/edit`}>
              {t("common.edit")}
            </Link>
          ) : null
        }
      />
      <p className="subtitle">{[c.industry, c.size_band, c.city, c.country].filter(Boolean).join(" · ")}</p>
      <div className="columns">
        <div className="column-main">
          <section className="card" aria-labelledby="company-contacts">
            <h2 id="company-contacts">{t("nav.contacts")}</h2>
            <ErrorMessage error={contacts.error} />
            <ul className="plain">
              {contacts.data?.items.map((p) => (
                <li key={p.id}>
                  <Link to={`/contacts/${p.id}`}>{p.full_name}</Link> <span className="muted small">{p.title}</span>{" "}
                  <StageBadge stage={p.lifecycle_stage} />
                </li>
              ))}
            </ul>
          </section>
          <section className="card" aria-labelledby="company-timeline">
            <h2 id="company-timeline">{t("timeline.title")}</h2>
            <ErrorMessage error={timeline.error} />
            <ol className="timeline">
              {timeline.data?.items.map((item) => (
                <TimelineEntry key={`${item.type}-${item.id}`} item={item} />
              ))}
            </ol>
          </section>
        </div>
        <aside className="column-side" aria-label={t("contact.details")}>
          <section className="card" aria-labelledby="company-details">
            <h2 id="company-details">{t("contact.details")}</h2>
            <dl className="details">
              <dt>{t("companies.domain")}</dt>
              <dd>{c.domain ?? "—"}</dd>
              <dt>{t("contacts.phone")}</dt>
              <dd>{c.phone ?? "—"}</dd>
              <dt>{t("companies.address")}</dt>
              <dd>{c.address ?? "—"}</dd>
              <dt>{t("contact.tags")}</dt>
              <dd>{c.tags.length ? c.tags.map((tag) => <span key={tag} className="tag">{tag}</span>) : "—"}</dd>
            </dl>
          </section>
          {can("deals:read") ? (
            <section className="card" aria-labelledby="company-deals">
              <h2 id="company-deals">{t("contact.deals")}</h2>
              <ul className="plain">
                {deals.data?.items.map((d) => (
                  <li key={d.id}>
                    <Link to={`/deals/${d.id}`}>{d.title}</Link>
                    <div className="muted small">
                      {pipelines.stage(d.stage_id)?.name} · <Money amount={d.amount} currency={d.currency} />
                    </div>
                  </li>
                ))}
              </ul>
              {deals.data?.items.length === 0 ? <p className="muted">{t("contact.noDeals")}</p> : null}
            </section>
          ) : null}
        </aside>
      </div>
    </>
  );
}
