// Create or edit a company; the API's field errors at their fields, a 412 explained.
import { type CompanyRead, companiesCreate, companiesGet, companiesUpdate, type CompanyUpdate, type SizeBand } from "@crm/sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";

import { etagOf, fieldErrors, isConflict, ok, withEtag } from "../api";
import { useAuth } from "../auth";
import { CountryPicker } from "../components/CountryPicker";
import { CustomFieldInputs, useCustomFieldDraft } from "../components/CustomFieldInputs";
import { ErrorMessage, Field, Loading, PageHeader } from "../components/ui";
import { type MessageKey, useI18n } from "../i18n";

const SIZES: SizeBand[] = ["1-10", "11-50", "51-200", "201-1000", "1001-5000", "5001+"];
const TEXT_FIELDS = ["name", "domain", "industry", "phone", "country", "city", "address"] as const;
type TextField = (typeof TEXT_FIELDS)[number];
type Draft = Record<TextField, string> & { size_band: string; tags: string };

const EMPTY: Draft = { name: "", domain: "", industry: "", phone: "", country: "", city: "", address: "", size_band: "", tags: "" };

function draftOf(c: CompanyRead): Draft {
  const draft = { ...EMPTY, size_band: c.size_band ?? "", tags: c.tags.join(", ") };
  for (const key of TEXT_FIELDS) draft[key] = c[key] ?? "";
  return draft;
}

const nullable = (value: string) => (value.trim() === "" ? null : value.trim());
const tagsOf = (text: string) => text.split(",").map((t) => t.trim()).filter(Boolean);

export function companyChanges(before: Draft, after: Draft): CompanyUpdate {
  const body: CompanyUpdate = {};
  for (const key of TEXT_FIELDS) if (before[key] !== after[key]) body[key] = nullable(after[key]);
  if (before.size_band !== after.size_band) body.size_band = (after.size_band || null) as SizeBand | null;
  if (before.tags !== after.tags) body.tags = tagsOf(after.tags);
  return body;
}

const LABELS: Record<TextField, MessageKey> = {
  name: "companies.name",
  domain: "companies.domain",
  industry: "companies.industry",
  phone: "contacts.phone",
  country: "contacts.country",
  city: "contacts.city",
  address: "companies.address",
};

export default function CompanyFormPage() {
  const { id } = useParams();
  const editing = Boolean(id);
  const { t } = useI18n();
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const loaded = useQuery({
    queryKey: ["company", id, "edit"],
    enabled: editing,
    gcTime: 0,
    queryFn: () => withEtag(companiesGet({ client, path: { company_id: id! } })),
  });
  const custom = useCustomFieldDraft("company", loaded.data?.data.custom_fields);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [base, setBase] = useState<Draft>(EMPTY);
  useEffect(() => {
    if (loaded.data) {
      setDraft(draftOf(loaded.data.data));
      setBase(draftOf(loaded.data.data));
    }
  }, [loaded.data]);

  const save = useMutation({
    mutationFn: () => {
      if (editing && loaded.data) {
        return ok(
          companiesUpdate({
            client,
            path: { company_id: id! },
            headers: { "if-match": loaded.data.etag ?? etagOf(loaded.data.data.version) },
            body: { ...companyChanges(base, draft), ...(custom.changed() ? { custom_fields: custom.changed() } : {}) },
          }),
        );
      }
      const body = companyChanges(EMPTY, draft);
      return ok(companiesCreate({ client, body: { ...body, name: draft.name.trim(), custom_fields: custom.created() } }));
    },
    onSuccess: (company) => {
      void queryClient.invalidateQueries({ queryKey: ["companies"] });
      void queryClient.invalidateQueries({ queryKey: ["company", company.id] });
      void navigate(`/companies/${company.id}`);
    },
  });
  const errors = fieldErrors(save.error);
  const conflict = isConflict(save.error);

  if (editing && loaded.isLoading) return <Loading />;
  if (editing && loaded.error) return <ErrorMessage error={loaded.error} />;

  return (
    <>
      <PageHeader title={editing ? t("companies.edit") : t("companies.new")} />
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
      <form
        className="card form-grid"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        {TEXT_FIELDS.map((key) =>
          key === "country" ? (
            <CountryPicker
              key={key}
              label={t(LABELS[key])}
              value={draft.country}
              error={errors.country}
              onChange={(country) => setDraft((d) => ({ ...d, country }))}
            />
          ) : (
            <Field key={key} label={t(LABELS[key])} error={errors[key]}>
              {(props) => <input {...props} value={draft[key]} onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))} />}
            </Field>
          ),
        )}
        <Field label={t("companies.size")} error={errors.size_band}>
          {(props) => (
            <select {...props} value={draft.size_band} onChange={(e) => setDraft((d) => ({ ...d, size_band: e.target.value }))}>
              <option value="">—</option>
              {SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("contacts.tags")} error={errors.tags}>
          {(props) => <input {...props} value={draft.tags} onChange={(e) => setDraft((d) => ({ ...d, tags: e.target.value }))} />}
        </Field>
        <CustomFieldInputs fields={custom} errors={errors} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t("common.save")}
          </button>
          <Link to={editing ? `/companies/${id}` : "/companies"}>{t("common.cancel")}</Link>
        </div>
      </form>
    </>
  );
}
