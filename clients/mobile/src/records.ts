// How the app keeps a record locally: the API's JSON as it is, plus the text that search
// matches and the key the lists sort by. Presentation only; no rule of the CRM.
import type { CompanyRead, ContactRead } from "@crm/sdk";

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
    };
  }
  const co = data as unknown as CompanyRead;
  return { id, version, data, search: text(co.name, co.domain, co.city, co.country), sort: (co.name ?? "").toLowerCase() };
}
