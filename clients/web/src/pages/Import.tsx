// Import contacts from a CSV file: map its columns to contact fields, choose what happens
// to duplicates and bad rows, then watch the background job's progress.
import { customFieldsList, type Dedupe, importsCreate, importsGet, type OnError } from "@crm/sdk";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Link } from "react-router";

import { fieldErrors, ok } from "../api";
import { useAuth } from "../auth";
import { ErrorMessage, Field, fieldErrorText, PageHeader } from "../components/ui";
import { type MessageKey, useI18n } from "../i18n";

const TARGETS = [
  "first_name", "last_name", "email", "phone", "company", "title", "country", "city",
  "lifecycle_stage", "source", "tags", "marketing_consent", "processing_consent",
];

/** The header and first row of a CSV text (quotes and escaped quotes understood). */
export function parseCsvHead(text: string): { header: string[]; first: string[] } {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const delimiter = (text.split("\n", 1)[0] ?? "").split(";").length > (text.split("\n", 1)[0] ?? "").split(",").length ? ";" : ",";
  for (let i = 0; i < text.length && rows.length < 2; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (rows.length < 2 && (cell || row.length)) rows.push([...row, cell]);
  const header = (rows[0] ?? []).map((h) => h.replace(/^\uFEFF/, "").trim());
  return { header, first: rows[1] ?? [] };
}

const GUESSES: Array<[RegExp, string]> = [
  [/^(first|firstname|given|vorname|prenom|prénom|имя|名)$/, "first_name"],
  [/^(last|lastname|surname|family|nachname|nom|фамилия|姓)$/, "last_name"],
  [/^(email|e-mail|mail|emailaddress|почта|邮箱)$/, "email"],
  [/^(phone|telephone|tel|mobile|telefon|téléphone|телефон|电话)$/, "phone"],
  [/^(company|organization|organisation|firma|société|entreprise|компания|公司)$/, "company"],
  [/^(title|jobtitle|position|fonction|должность|职位)$/, "title"],
  [/^(country|land|pays|страна|国家)$/, "country"],
  [/^(city|town|ort|stadt|ville|город|城市)$/, "city"],
  [/^(tags|labels)$/, "tags"],
  [/^(stage|lifecyclestage)$/, "lifecycle_stage"],
  [/^(source)$/, "source"],
];

export function guessTarget(column: string): string {
  const key = column.toLowerCase().replace(/[\s_.-]+/g, "");
  return GUESSES.find(([pattern]) => pattern.test(key))?.[1] ?? "";
}

export default function ImportPage() {
  const { t, number } = useI18n();
  const { client } = useAuth();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [head, setHead] = useState<{ header: string[]; first: string[] } | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [dedupe, setDedupe] = useState<Dedupe>("skip");
  const [onError, setOnError] = useState<OnError>("abort");
  const [jobId, setJobId] = useState<string | null>(null);

  const custom = useQuery({
    queryKey: ["custom-fields", "contact"],
    queryFn: () => ok(customFieldsList({ client, query: { entity: "contact" } })),
  });
  const targets = [...TARGETS, ...(custom.data?.items ?? []).map((f) => `custom_fields.${f.key}`)];

  const start = useMutation({
    mutationFn: () => {
      const chosen = Object.fromEntries(Object.entries(mapping).filter(([, target]) => target));
      return ok(importsCreate({ client, body: { file: file!, mapping: JSON.stringify(chosen), dedupe, on_error: onError } }));
    },
    onSuccess: (job) => setJobId(job.id),
  });
  const job = useQuery({
    queryKey: ["import", jobId],
    enabled: jobId !== null,
    queryFn: () => ok(importsGet({ client, path: { import_id: jobId! } })),
    refetchInterval: (query) => (query.state.data && ["done", "failed"].includes(query.state.data.status) ? false : 1000),
  });
  const errors = fieldErrors(start.error);

  const pick = async (picked: File | null) => {
    setFile(picked);
    setJobId(null);
    start.reset();
    if (!picked) {
      setHead(null);
      return;
    }
    const parsed = parseCsvHead(await picked.slice(0, 64 * 1024).text());
    setHead(parsed);
    setMapping(Object.fromEntries(parsed.header.map((column) => [column, guessTarget(column)])));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) start.mutate();
  };
  const data = job.data;
  const progressMax = data ? Math.max(data.total_rows, 1) : 1;
  const progressValue = data ? (data.status === "validating" ? data.validated_rows : data.processed_rows) : 0;

  return (
    <>
      <PageHeader title={t("nav.import")} />
      <p className="muted">
        <Link to="/contacts">{t("import.export")}</Link>
      </p>
      <form className="card stack" onSubmit={submit}>
        <Field label={t("import.file")} error={errors.file}>
          {(props) => <input {...props} type="file" accept=".csv,text/csv" onChange={(e) => void pick(e.target.files?.[0] ?? null)} />}
        </Field>
        {head ? (
          <fieldset>
            <legend>{t("import.mapping")}</legend>
            {errors.mapping ? <p className="field-error">{fieldErrorText(errors.mapping, { t, number })}</p> : null}
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t("import.column")}</th>
                    <th scope="col">{t("import.sample")}</th>
                    <th scope="col">{t("import.target")}</th>
                  </tr>
                </thead>
                <tbody>
                  {head.header.map((column, index) => (
                    <tr key={column}>
                      <th scope="row">
                        <label htmlFor={`${id}-map-${index}`}>{column}</label>
                      </th>
                      <td className="muted">{head.first[index] ?? ""}</td>
                      <td>
                        <select id={`${id}-map-${index}`} value={mapping[column] ?? ""} onChange={(e) => setMapping((m) => ({ ...m, [column]: e.target.value }))}>
                          <option value="">{t("import.ignore")}</option>
                          {targets.map((target) => (
                            <option key={target} value={target}>
                              {target}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </fieldset>
        ) : null}
        <div className="inline-form">
          <Field label={t("import.dedupe")} error={errors.dedupe}>
            {(props) => (
              <select {...props} value={dedupe} onChange={(e) => setDedupe(e.target.value as Dedupe)}>
                {(["skip", "update", "create"] as Dedupe[]).map((d) => (
                  <option key={d} value={d}>
                    {t(`import.dedupe.${d}` as MessageKey)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("import.onError")} error={errors.on_error}>
            {(props) => (
              <select {...props} value={onError} onChange={(e) => setOnError(e.target.value as OnError)}>
                {(["abort", "skip_row"] as OnError[]).map((o) => (
                  <option key={o} value={o}>
                    {t(`import.onError.${o}` as MessageKey)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="primary" disabled={!file || start.isPending || (jobId !== null && !["done", "failed"].includes(data?.status ?? ""))}>
            {t("import.start")}
          </button>
        </div>
        {Object.keys(errors).length === 0 ? <ErrorMessage error={start.error} /> : null}
      </form>
      {data ? (
        <section className="card" aria-labelledby="import-progress">
          <h2 id="import-progress">{t("import.progress")}</h2>
          <p role="status">
            {t(`import.status.${data.status}` as MessageKey)} · {number(progressValue)} / {number(data.total_rows)}
          </p>
          <progress max={progressMax} value={data.status === "done" ? progressMax : progressValue} aria-labelledby="import-progress" />
          <p>
            {t("import.counts", {
              created: number(data.created),
              updated: number(data.updated),
              skipped: number(data.skipped),
              failed: number(data.failed),
            })}
          </p>
          {data.errors.length ? (
            <ul className="plain error">
              {data.errors.slice(0, 50).map((e) => (
                <li key={`${e.row}-${e.field}`}>{t("import.rowError", { row: e.row, field: e.field, message: e.message })}</li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
      <ErrorMessage error={job.error} />
    </>
  );
}
