// Create or edit a contact. The API's problem+json `errors[]` appear at their fields; a
// 412 (someone saved in between) is explained, with a reload that shows their version.
// While a new contact is typed, the API is asked which contacts it would probably
// duplicate, in the whole database: the ones the user reads are linked, the others named
// by their owner only. Saving anyway stays possible.
import {
  companiesList,
  type ContactRead,
  contactsCreate,
  contactsGet,
  contactsUpdate,
  type ContactUpdate,
  type LifecycleStage,
} from "@crm/sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";

import { etagOf, fieldErrors, isConflict, ok, withEtag } from "../api";
import { useAuth } from "../auth";
import { CountryPicker } from "../components/CountryPicker";
import { CustomFieldInputs, useCustomFieldDraft } from "../components/CustomFieldInputs";
import { checkDuplicates, DuplicateLink, type DuplicateQuery, elsewhereText } from "../components/Duplicates";
import { useDebounced } from "../components/SearchBox";
import { ErrorMessage, Field, Loading, PageHeader } from "../components/ui";
import { useI18n } from "../i18n";
import { STAGES } from "./Contacts";

export interface Draft {
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  title: string;
  company_id: string;
  country: string;
  city: string;
  lifecycle_stage: LifecycleStage;
  tags: string;
}

export const EMPTY: Draft = {
  first_name: "",
  last_name: "",
  email: "",
  phone: "",
  title: "",
  company_id: "",
  country: "",
  city: "",
  lifecycle_stage: "lead",
  tags: "",
};

function draftOf(c: ContactRead): Draft {
  return {
    first_name: c.first_name,
    last_name: c.last_name,
    email: c.emails[0]?.email ?? "",
    phone: c.phones[0]?.phone ?? "",
    title: c.title ?? "",
    company_id: c.company_id ?? "",
    country: c.country ?? "",
    city: c.city ?? "",
    lifecycle_stage: c.lifecycle_stage,
    tags: c.tags.join(", "),
  };
}

const nullable = (value: string) => (value.trim() === "" ? null : value.trim());

/** Only what changed, as the API's partial PATCH wants it. */
export function changes(before: Draft, after: Draft, original?: ContactRead): ContactUpdate {
  const body: ContactUpdate = {};
  for (const key of ["first_name", "last_name", "title", "company_id", "country", "city"] as const) {
    if (before[key] !== after[key]) body[key] = nullable(after[key]);
  }
  if (before.lifecycle_stage !== after.lifecycle_stage) body.lifecycle_stage = after.lifecycle_stage;
  if (before.tags !== after.tags) body.tags = splitTags(after.tags);
  if (before.email !== after.email) {
    const rest = (original?.emails ?? []).slice(1).map((e) => ({ email: e.email }));
    body.emails = after.email.trim() ? [{ email: after.email.trim() }, ...rest] : rest;
  }
  if (before.phone !== after.phone) {
    const rest = (original?.phones ?? []).slice(1).map((p) => ({ phone: p.phone }));
    body.phones = after.phone.trim() ? [{ phone: after.phone.trim() }, ...rest] : rest;
  }
  return body;
}

const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
/** A phone number is worth a check from this many digits on. */
const PHONE_DIGITS = 6;
/** How long typing must pause before the duplicate check asks. */
export const CHECK_DELAY_MS = 400;

/** What of the draft duplicates are found by: an e-mail that looks complete, a phone
 * number of some digits (with the country, for a local number), the name with the company
 * chosen (a close name at the same company). Null while there is nothing to find them by. */
export function duplicateQuery(draft: Draft): DuplicateQuery | null {
  const query: DuplicateQuery = {};
  const email = draft.email.trim();
  if (LOOKS_LIKE_EMAIL.test(email)) query.email = [email];
  const phone = draft.phone.trim();
  if (phone.replace(/\D/g, "").length >= PHONE_DIGITS) {
    query.phone = [phone];
    const country = draft.country.trim();
    if (/^[A-Za-z]{2}$/.test(country)) query.country = country.toUpperCase();
  }
  const first = draft.first_name.trim();
  const last = draft.last_name.trim();
  if (draft.company_id && (first || last)) {
    query.company_id = draft.company_id;
    if (first) query.first_name = first;
    if (last) query.last_name = last;
  }
  return Object.keys(query).length > 0 ? query : null;
}

function splitTags(text: string): string[] {
  return text
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
}

export function ContactFormPage() {
  const { id } = useParams();
  const editing = Boolean(id);
  const i18n = useI18n();
  const { t } = i18n;
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const loaded = useQuery({
    queryKey: ["contact", id, "edit"],
    enabled: editing,
    queryFn: () => withEtag(contactsGet({ client, path: { contact_id: id! } })),
    gcTime: 0,
  });
  const companies = useQuery({
    queryKey: ["companies", "choices"],
    queryFn: () => ok(companiesList({ client, query: { limit: 200, sort: "name" } })),
    staleTime: 60_000,
  });
  const custom = useCustomFieldDraft("contact", loaded.data?.data.custom_fields);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [base, setBase] = useState<Draft>(EMPTY);
  useEffect(() => {
    if (loaded.data) {
      setDraft(draftOf(loaded.data.data));
      setBase(draftOf(loaded.data.data));
    }
  }, [loaded.data]);

  const save = useMutation({
    mutationFn: async () => {
      if (editing && loaded.data) {
        const current = loaded.data;
        return ok(
          contactsUpdate({
            client,
            path: { contact_id: id! },
            headers: { "if-match": current.etag ?? etagOf(current.data.version) },
            body: { ...changes(base, draft, current.data), ...(custom.changed() ? { custom_fields: custom.changed() } : {}) },
          }),
        );
      }
      const email = draft.email.trim();
      const phone = draft.phone.trim();
      return ok(
        contactsCreate({
          client,
          body: {
            first_name: nullable(draft.first_name),
            last_name: nullable(draft.last_name),
            title: nullable(draft.title),
            company_id: nullable(draft.company_id),
            country: nullable(draft.country),
            city: nullable(draft.city),
            lifecycle_stage: draft.lifecycle_stage,
            tags: splitTags(draft.tags),
            emails: email ? [{ email }] : [],
            phones: phone ? [{ phone }] : [],
            custom_fields: custom.created(),
          },
        }),
      );
    },
    onSuccess: (contact) => {
      void queryClient.invalidateQueries({ queryKey: ["contacts"] });
      void queryClient.invalidateQueries({ queryKey: ["contact", contact.id] });
      void navigate(`/contacts/${contact.id}`);
    },
  });

  // The check asks once typing pauses; a check still running when the user types on is
  // cancelled (its signal aborts when its query is left), so no stale answer shows.
  const probe = editing ? null : duplicateQuery(draft);
  const checked = useDebounced(probe ? JSON.stringify(probe) : "", CHECK_DELAY_MS);
  const check = useQuery({
    queryKey: ["contacts", "duplicate-check", checked],
    enabled: checked !== "",
    queryFn: ({ signal }) => checkDuplicates(client, JSON.parse(checked) as DuplicateQuery, signal),
    staleTime: 30_000,
  });
  // Only an answer about what the form holds now is shown.
  const found = checked !== "" && checked === (probe ? JSON.stringify(probe) : "") ? check.data : undefined;
  const matches = found ? found.items.length + (found.elsewhere ?? []).length : 0;
  const errors = fieldErrors(save.error);
  const conflict = isConflict(save.error);
  const input = (name: keyof Draft, label: string, type = "text", extra: Record<string, unknown> = {}) => (
    <Field label={label} error={errors[name === "email" ? "emails" : name === "phone" ? "phones" : name]}>
      {(props) => (
        <input
          {...props}
          {...extra}
          type={type}
          value={draft[name]}
          onChange={(e) => setDraft((d) => ({ ...d, [name]: e.target.value }))}
        />
      )}
    </Field>
  );

  if (editing && loaded.isLoading) return <Loading />;
  if (editing && loaded.error) return <ErrorMessage error={loaded.error} />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <>
      <PageHeader title={editing ? t("contacts.edit") : t("contacts.new")} />
      {conflict ? (
        <div className="notice" role="alert">
          <p>{t("common.conflict")}</p>
          <button
            type="button"
            onClick={() => {
              save.reset();
              void loaded.refetch();
            }}
          >
            {t("common.reload")}
          </button>
        </div>
      ) : null}
      {save.error && !conflict && Object.keys(errors).length === 0 ? <ErrorMessage error={save.error} /> : null}
      {Object.keys(errors).length > 0 ? (
        <p className="error" role="alert">
          {t("common.fixFields")}
        </p>
      ) : null}
      <form className="card form-grid" onSubmit={submit} noValidate>
        {input("first_name", t("contacts.firstName"), "text", { autoComplete: "off" })}
        {input("last_name", t("contacts.lastName"))}
        {input("email", t("contacts.email"), "email")}
        {input("phone", t("contacts.phone"), "tel")}
        {input("title", t("contacts.jobTitle"))}
        <Field label={t("contacts.company")} error={errors.company_id}>
          {(props) => (
            <select {...props} value={draft.company_id} onChange={(e) => setDraft((d) => ({ ...d, company_id: e.target.value }))}>
              <option value="">—</option>
              {(companies.data?.items ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {editing ? null : (
          // Always there, so that what appears in it is announced.
          <div className="duplicates-check" role="status" aria-live="polite">
            {found && matches > 0 ? (
              <div className="notice duplicates-hint">
                <p>{t("contacts.existing")}</p>
                <ul className="plain">
                  {found.items.map((d) => (
                    <li key={d.contact.id}>
                      <DuplicateLink item={d} />
                    </li>
                  ))}
                  {(found.elsewhere ?? []).map((e, index) => (
                    <li key={`${e.owner.id}-${index}`}>{elsewhereText(e, i18n)}</li>
                  ))}
                </ul>
                <p className="muted small">{t("dupCheck.anyway")}</p>
              </div>
            ) : null}
          </div>
        )}
        <CountryPicker
          label={t("contacts.country")}
          value={draft.country}
          error={errors.country}
          onChange={(country) => setDraft((d) => ({ ...d, country }))}
        />
        {input("city", t("contacts.city"))}
        <Field label={t("contacts.stage")} error={errors.lifecycle_stage}>
          {(props) => (
            <select
              {...props}
              value={draft.lifecycle_stage}
              onChange={(e) => setDraft((d) => ({ ...d, lifecycle_stage: e.target.value as LifecycleStage }))}
            >
              {STAGES.map((s) => (
                <option key={s} value={s}>
                  {t(`stage.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {input("tags", t("contacts.tags"))}
        <CustomFieldInputs fields={custom} errors={errors} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t("common.save")}
          </button>
          <Link to={editing ? `/contacts/${id}` : "/contacts"}>{t("common.cancel")}</Link>
        </div>
      </form>
    </>
  );
}
