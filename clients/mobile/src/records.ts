// How the app keeps a record locally: the API's JSON as it is, plus the text that search
// matches and the key the lists sort by. Presentation only; no rule of the CRM.
import type { CompanyRead, ContactRead, DealRead, InteractionRead, RequestRead, TaskRead } from "@crm/sdk";

import type { Entity, LocalRecord } from "./storage/types";

type Data = Record<string, unknown>;

const text = (...parts: unknown[]) =>
  parts
    .flat()
    .filter((part) => typeof part === "string" && part.length > 0)
    .join(" ")
    .toLowerCase();

export function toLocal(entity: Entity, data: Data): LocalRecord {
  const id = String(data.id);
  const version = Number(data.version ?? 0);
  if (entity === "contact") {
    const c = data as unknown as ContactRead;
    const name = c.full_name || `${c.first_name ?? ""} ${c.last_name ?? ""}`.trim();
    return {
      id,
      version,
      data,
      search: text(name, (c.emails ?? []).map((e) => e.email), (c.phones ?? []).map((p) => p.phone), c.title, c.city, c.country),
      sort: name.toLowerCase(),
      ref: null,
    };
  }
  if (entity === "task") {
    const task = data as unknown as TaskRead;
    // Open ones first, then by due date (none last), then by title.
    const sort = `${task.status === "open" ? 0 : 1}${task.due_at ?? "~"}${task.title.toLowerCase()}`;
    return { id, version, data, search: text(task.title, task.labels), sort, ref: task.contact_id ?? null };
  }
  if (entity === "deal") {
    const deal = data as unknown as DealRead;
    const sort = `${deal.status === "open" ? 0 : 1}${deal.title.toLowerCase()}`;
    return { id, version, data, search: text(deal.title, deal.tags), sort, ref: deal.contact_id ?? null };
  }
  if (entity === "request") {
    const request = data as unknown as RequestRead;
    // Not closed first, then by when a response is due (none last).
    const sort = `${request.status === "closed" ? 1 : 0}${request.due_by ?? "~"}${request.subject.toLowerCase()}`;
    return { id, version, data, search: text(request.subject), sort, ref: request.contact_id ?? null };
  }
  if (entity === "interaction") {
    const interaction = data as unknown as InteractionRead;
    const sort = `${interaction.scheduled_at ?? interaction.at ?? "~"}`;
    return { id, version, data, search: text(interaction.subject), sort, ref: interaction.contact_id ?? null };
  }
  const co = data as unknown as CompanyRead;
  return {
    id,
    version,
    data,
    search: text(co.name, co.domain, co.city, co.country),
    sort: (co.name ?? "").toLowerCase(),
    ref: null,
  };
}
