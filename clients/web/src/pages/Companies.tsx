// Companies: search, owner, team, country and tag filters, sort, infinite scroll by cursor.
import { companiesList } from "@crm/sdk";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link, useSearchParams } from "react-router";

import { ok } from "../api";
import { useAuth } from "../auth";
import { ErrorMessage, LoadMore, Loading, PageHeader } from "../components/ui";
import { useI18n } from "../i18n";
import { useTeams, useUsers } from "../lookups";

export default function CompaniesPage() {
  const { t, date } = useI18n();
  const { client, claims, can } = useAuth();
  const users = useUsers();
  const teams = useTeams();
  const [params, setParams] = useSearchParams();
  const id = useId();
  const filters = {
    q: params.get("q") || undefined,
    country: params.get("country") || undefined,
    tag: params.getAll("tag").filter(Boolean),
    owner_id: params.get("owner") || undefined,
    team_id: params.get("team") || undefined,
    sort: params.get("sort") || "name",
  };
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const companies = useInfiniteQuery({
    queryKey: ["companies", filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => ok(companiesList({ client, query: { ...filters, limit: 50, cursor: pageParam } })),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const rows = companies.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title={t("companies.title")}
        actions={
          can("companies:write") ? (
            <Link className="button primary" to="/companies/new">
              {t("companies.new")}
            </Link>
          ) : null
        }
      />
      <form className="filters" role="search" aria-label={t("common.filters")} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t("common.search")}</label>
          <input id={`${id}-q`} type="search" value={filters.q ?? ""} onChange={(e) => set("q", e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-owner`}>{t("contacts.owner")}</label>
          <select id={`${id}-owner`} value={filters.owner_id ?? ""} onChange={(e) => set("owner", e.target.value)}>
            <option value="">{t("common.anyone")}</option>
            {claims ? <option value={claims.sub}>{t("common.me")}</option> : null}
          </select>
        </div>
        {claims?.team || teams.data?.items.length ? (
          <div className="field">
            <label htmlFor={`${id}-team`}>{t("contacts.team")}</label>
            <select id={`${id}-team`} value={filters.team_id ?? ""} onChange={(e) => set("team", e.target.value)}>
              <option value="">{t("common.all")}</option>
              {claims?.team ? <option value={claims.team}>{t("common.myTeam")}</option> : null}
              {(teams.data?.items ?? [])
                .filter((team) => team.id !== claims?.team)
                .map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-tag`}>{t("contacts.tag")}</label>
          <input id={`${id}-tag`} value={params.get("tag") ?? ""} onChange={(e) => set("tag", e.target.value.trim())} />
        </div>
        <div className="field narrow">
          <label htmlFor={`${id}-country`}>{t("contacts.country")}</label>
          <input id={`${id}-country`} maxLength={2} value={filters.country ?? ""} onChange={(e) => set("country", e.target.value.toUpperCase())} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-sort`}>{t("common.sort")}</label>
          <select id={`${id}-sort`} value={filters.sort} onChange={(e) => set("sort", e.target.value)}>
            <option value="name">{t("contacts.name")} ▲</option>
            <option value="-name">{t("contacts.name")} ▼</option>
            <option value="-updated_at">{t("contacts.updated")} ▼</option>
            <option value="-created_at">{t("contacts.created")} ▼</option>
          </select>
        </div>
      </form>
      {companies.isLoading ? <Loading /> : null}
      <ErrorMessage error={companies.error} />
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("companies.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("contacts.name")}</th>
                <th scope="col">{t("companies.industry")}</th>
                <th scope="col">{t("contacts.city")}</th>
                <th scope="col">{t("contacts.owner")}</th>
                <th scope="col">{t("contacts.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/companies/${c.id}`}>{c.name}</Link>
                  </th>
                  <td>{c.industry ?? "—"}</td>
                  <td>{[c.city, c.country].filter(Boolean).join(", ") || "—"}</td>
                  <td>{c.owner_id === claims?.sub ? t("common.me") : users.name(c.owner_id)}</td>
                  <td>{date(c.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : companies.isSuccess ? (
        <p className="muted">{t("companies.none")}</p>
      ) : null}
      <LoadMore hasMore={Boolean(companies.hasNextPage)} busy={companies.isFetchingNextPage} onVisible={() => void companies.fetchNextPage()} />
    </>
  );
}
