// Reference data several screens show by name: users, pipelines and stages, companies.
import {
  companiesGet,
  companiesList,
  contactsList,
  interactionOutcomesList,
  pipelinesList,
  type PipelineRead,
  requestsAssignees,
  type RoleRead,
  rolesList,
  type StageRead,
  teamsList,
  usersList,
  type UserRead,
} from "@crm/sdk";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";

import { mayGrant } from "./access";
import { ok } from "./api";
import { useAuth } from "./auth";

/** Colleagues by id (empty without `users:read`: then only "me" is known by name). */
export function useUsers(): { list: UserRead[]; name: (id: string | null | undefined) => string } {
  const { client, can, claims } = useAuth();
  const query = useQuery({
    queryKey: ["users", "all"],
    enabled: can("users:read"),
    staleTime: 5 * 60_000,
    queryFn: () => ok(usersList({ client, query: { limit: 200, is_active: true } })),
  });
  return useMemo(() => {
    const list = query.data?.items ?? [];
    const byId = new Map(list.map((u) => [u.id, u.full_name]));
    return {
      list,
      name: (id) => (id ? (byId.get(id) ?? (id === claims?.sub ? "✓" : "—")) : "—"),
    };
  }, [query.data, claims?.sub]);
}

/** Whom the API lets me hand a request to (myself included); empty without requests:write. */
export function useRequestAssignees(): UserRead[] {
  const { client, can } = useAuth();
  const query = useQuery({
    queryKey: ["requests", "assignees"],
    enabled: can("requests:write"),
    staleTime: 5 * 60_000,
    queryFn: () => ok(requestsAssignees({ client })),
  });
  return query.data?.items ?? [];
}

/** The roles the API would let me grant (`mayGrant`), highest rank first: what the user and
 * API key forms offer. The API checks it again. */
export function useGrantableRoles(): RoleRead[] {
  const { client, claims } = useAuth();
  const roles = useQuery({ queryKey: ["roles"], queryFn: () => ok(rolesList({ client })) });
  return useMemo(() => (roles.data?.items ?? []).filter((r) => mayGrant(r, claims)).sort((a, b) => b.rank - a.rank), [roles.data, claims]);
}

export function useTeams() {
  const { client, can } = useAuth();
  return useQuery({
    queryKey: ["teams"],
    enabled: can("users:read"),
    staleTime: 5 * 60_000,
    queryFn: () => ok(teamsList({ client, query: { limit: 200 } })),
  });
}

export interface Pipelines {
  list: PipelineRead[];
  byId: Map<string, PipelineRead>;
  stage: (id: string | null | undefined) => StageRead | undefined;
  defaultId: string | undefined;
  isLoading: boolean;
}

export function usePipelines(): Pipelines {
  const { client, can } = useAuth();
  const query = useQuery({
    queryKey: ["pipelines"],
    enabled: can("deals:read"),
    staleTime: 60_000,
    queryFn: () => ok(pipelinesList({ client })),
  });
  return useMemo(() => {
    const list = query.data?.items ?? [];
    const stages = new Map(list.flatMap((p) => p.stages.map((s) => [s.id, s] as const)));
    return {
      list,
      byId: new Map(list.map((p) => [p.id, p])),
      stage: (id) => (id ? stages.get(id) : undefined),
      defaultId: (list.find((p) => p.is_default) ?? list[0])?.id,
      isLoading: query.isLoading,
    };
  }, [query.data, query.isLoading]);
}

export function useCompany(id: string | null | undefined) {
  const { client } = useAuth();
  return useQuery({
    queryKey: ["company", id],
    enabled: Boolean(id),
    staleTime: 60_000,
    queryFn: () => ok(companiesGet({ client, path: { company_id: id! } })),
  });
}

export function useOutcomes() {
  const { client, can } = useAuth();
  return useQuery({
    queryKey: ["outcomes"],
    enabled: can("interactions:read"),
    staleTime: 5 * 60_000,
    queryFn: () => ok(interactionOutcomesList({ client })),
  });
}

/** Searches for the record pickers: contacts and companies by part of their name (`q=`). */
export function useRecordSearch(): {
  contacts: (q: string) => Promise<Array<{ id: string; label: string; detail?: string }>>;
  companies: (q: string) => Promise<Array<{ id: string; label: string; detail?: string }>>;
} {
  const { client } = useAuth();
  return useMemo(
    () => ({
      contacts: async (q) =>
        (await ok(contactsList({ client, query: { q, limit: 8 } }))).items.map((c) => ({
          id: c.id,
          label: c.full_name || c.emails[0]?.email || "—",
          detail: c.emails[0]?.email,
        })),
      companies: async (q) =>
        (await ok(companiesList({ client, query: { q, limit: 8 } }))).items.map((c) => ({
          id: c.id,
          label: c.name,
          detail: [c.city, c.country].filter(Boolean).join(", ") || undefined,
        })),
    }),
    [client],
  );
}
