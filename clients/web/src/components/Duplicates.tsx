// Possible duplicates as the API reports them (domain/contact_duplicates.py): matches the
// user reads come as contacts, shown as links with why they match; matches the user may
// not read come only as their owner and why they match (no name, no e-mail, no link).
import type { AuditEventRead, Client, ContactsDuplicatesCheckData, DuplicateElsewhere, DuplicateList, DuplicateRead } from "@crm/sdk";
import { contactsDuplicatesCheck } from "@crm/sdk";
import { Link } from "react-router";

import { ApiError, fieldErrors, ok } from "../api";
import { type I18n, type MessageKey, useI18n } from "../i18n";

export type DuplicateReason = DuplicateRead["reasons"][number];
export type DuplicateQuery = NonNullable<ContactsDuplicatesCheckData["query"]>;

/** Why a readable match matches: "same e-mail, same phone". */
export function reasonsText(reasons: readonly DuplicateReason[], t: I18n["t"]): string {
  return reasons.map((r) => t(`dup.${r}` as MessageKey)).join(", ");
}

/** A match out of sight, as a sentence: "Anna already has a contact with the same e-mail
 * and the same phone number". */
export function elsewhereText(entry: DuplicateElsewhere, i18n: Pick<I18n, "t" | "locale">): string {
  const phrases = entry.reasons.map((r) => i18n.t(`dup.with.${r}` as MessageKey));
  let reasons = phrases.join(", ");
  try {
    reasons = new Intl.ListFormat(i18n.locale, { type: "conjunction" }).format(phrases);
  } catch {
    // an old engine: the comma list
  }
  return i18n.t("dup.elsewhere", { owner: entry.owner.full_name, reasons });
}

/** A readable match: its name as a link to it, and why it matches (below it, in `block`
 * layout). */
export function DuplicateLink({ item, block = false }: { item: DuplicateRead; block?: boolean }) {
  const { t } = useI18n();
  const c = item.contact;
  const reasons = reasonsText(item.reasons, t);
  return (
    <>
      <Link to={`/contacts/${c.id}`}>{c.full_name || c.emails[0]?.email || "—"}</Link>
      {block ? <div className="muted small">{reasons}</div> : <>{" — "}<span className="muted small">{reasons}</span></>}
    </>
  );
}

/** The change a contact's created entry carries when it was created despite probable
 * duplicates (domain/contacts.py: POSSIBLE_DUPLICATES). */
export const POSSIBLE_DUPLICATES = "possible_duplicates";

/** How many probable duplicates a contact had when it was created anyway; 0 for none, or
 * for an entry that is not a creation. */
export function createdDespite(event: Pick<AuditEventRead, "action" | "changes">): number {
  if (event.action !== "created") return 0;
  const count = event.changes[POSSIBLE_DUPLICATES]?.after;
  return typeof count === "number" && count > 0 ? count : 0;
}

const NOTHING: DuplicateList = { items: [], elsewhere: [] };

/** Whether the query still asks about something a match can be found by. */
function asksSomething(query: DuplicateQuery): boolean {
  return Boolean(query.email?.length || query.phone?.length || query.company_id);
}

/** The query without the inputs a 422 named (`email.0`, `phone.1`, `country`, ...): a
 * phone depends on the country, a name on the company. */
export function withoutRefused(query: DuplicateQuery, fields: readonly string[]): DuplicateQuery {
  const heads = new Set(fields.map((f) => f.split(".")[0]));
  const next: DuplicateQuery = { ...query };
  if (heads.has("email")) delete next.email;
  if (heads.has("phone") || heads.has("country")) {
    delete next.phone;
    delete next.country;
  }
  if (heads.has("company_id") || heads.has("first_name") || heads.has("last_name")) {
    delete next.company_id;
    delete next.first_name;
    delete next.last_name;
  }
  return next;
}

/**
 * `GET /contacts/duplicates` for a contact not created yet. An input the API refuses (an
 * e-mail or a local phone number still being typed) is left out and the rest asked again,
 * once: the check is a hint, never an error at the form. `signal` cancels it when the user
 * has typed on.
 */
export async function checkDuplicates(client: Client, query: DuplicateQuery, signal?: AbortSignal): Promise<DuplicateList> {
  try {
    return await ok(contactsDuplicatesCheck({ client, query, signal }));
  } catch (error) {
    const refused = Object.keys(fieldErrors(error));
    if (!(error instanceof ApiError) || error.status !== 422 || refused.length === 0) throw error;
    const rest = withoutRefused(query, refused);
    if (!asksSomething(rest)) return NOTHING;
    return ok(contactsDuplicatesCheck({ client, query: rest, signal }));
  }
}
