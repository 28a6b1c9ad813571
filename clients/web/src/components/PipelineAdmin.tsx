// Pipelines as a whole (pipelines:manage): create one with its stages, rename it, make it
// the default, delete it. What a pipeline must hold (how many stages, which kinds) and
// which one may be deleted (not the default, not one with deals) is the API's to say: its
// problems show at the fields, or as a notice. Renames send If-Match from the version.
import { pipelinesCreate, pipelinesDelete, pipelinesUpdate, type PipelineRead, type StageKind } from "@crm/sdk";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";

import { ApiError, etagOf, fieldErrors, ok } from "../api";
import { useAuth } from "../auth";
import { type MessageKey, useI18n } from "../i18n";
import { Dialog, ErrorMessage, Field, SaveProblem } from "./ui";

const KINDS: StageKind[] = ["open", "won", "lost"];

function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ["pipelines"] });
    void queryClient.invalidateQueries({ queryKey: ["board"] });
  };
}

interface StageDraft {
  name: string;
  probability: string;
  kind: StageKind;
}

/** A starting set the user names and changes freely: one stage of each kind. */
function starter(): StageDraft[] {
  return [
    { name: "", probability: "10", kind: "open" },
    { name: "", probability: "100", kind: "won" },
    { name: "", probability: "0", kind: "lost" },
  ];
}

/** Creates a pipeline with its stages, in the order given. */
export function NewPipeline({ onCreated }: { onCreated?: (pipeline: PipelineRead) => void }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const refresh = useRefresh();
  const [name, setName] = useState("");
  const [stages, setStages] = useState<StageDraft[]>(starter);
  const [created, setCreated] = useState<PipelineRead | null>(null);
  const create = useMutation({
    mutationFn: () =>
      ok(
        pipelinesCreate({
          client,
          body: {
            name: name.trim(),
            stages: stages.map((s) => ({ name: s.name.trim(), probability: Number(s.probability), kind: s.kind })),
          },
        }),
      ),
    onSuccess: (pipeline) => {
      setCreated(pipeline);
      setName("");
      setStages(starter());
      refresh();
      onCreated?.(pipeline);
    },
  });
  const errors = fieldErrors(create.error);
  const set = (index: number, key: keyof StageDraft) => (e: { target: { value: string } }) =>
    setStages((list) => list.map((s, i) => (i === index ? { ...s, [key]: e.target.value } : s)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    create.mutate();
  };
  return (
    <section className="card stack" aria-labelledby="new-pipeline-title">
      <h2 id="new-pipeline-title">{t("pipelines.new")}</h2>
      <form className="stack" onSubmit={submit} aria-labelledby="new-pipeline-title">
        <Field label={t("pipelines.name")} error={errors.name}>
          {(props) => <input {...props} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <fieldset className="stack">
          <legend>{t("admin.stages")}</legend>
          {errors.stages && !Object.keys(errors).some((k) => /^stages\.\d+\./.test(k)) ? (
            <p className="field-error" role="alert">
              {t("pipelines.stagesProblem")}
            </p>
          ) : null}
          <ol className="stage-drafts">
            {stages.map((s, i) => (
              <li key={i} className="inline-form">
                <Field label={t("pipelines.stageN", { n: i + 1 })} error={errors[`stages.${i}.name`]}>
                  {(props) => <input {...props} required value={s.name} onChange={set(i, "name")} />}
                </Field>
                <Field label={t("pipelines.stageNProbability", { n: i + 1 })} error={errors[`stages.${i}.probability`]}>
                  {(props) => <input {...props} type="number" min={0} max={100} value={s.probability} onChange={set(i, "probability")} />}
                </Field>
                <Field label={t("pipelines.stageNKind", { n: i + 1 })} error={errors[`stages.${i}.kind`]}>
                  {(props) => (
                    <select {...props} value={s.kind} onChange={set(i, "kind")}>
                      {KINDS.map((k) => (
                        <option key={k} value={k}>
                          {t(`deal.status.${k}` as MessageKey)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <button
                  type="button"
                  aria-label={`${t("admin.removeStage")}: ${i + 1}`}
                  onClick={() => setStages((list) => list.filter((_, j) => j !== i))}
                >
                  {t("admin.removeStage")}
                </button>
              </li>
            ))}
          </ol>
          <div>
            <button
              type="button"
              onClick={() =>
                setStages((list) => {
                  // A new row goes after the last open one, where the API puts an open stage.
                  const at = list.reduce((last, s, i) => (s.kind === "open" ? i + 1 : last), 0);
                  return [...list.slice(0, at), { name: "", probability: "50", kind: "open" }, ...list.slice(at)];
                })
              }
            >
              {t("pipelines.addStageRow")}
            </button>
          </div>
        </fieldset>
        {Object.keys(errors).length === 0 ? <ErrorMessage error={create.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {t("pipelines.create")}
          </button>
        </div>
        {created ? (
          <p role="status">
            {t("pipelines.created", { name: created.name })}{" "}
            <Link to={`/board?pipeline=${created.id}`}>{t("pipelines.openBoard")}</Link>
          </p>
        ) : null}
      </form>
    </section>
  );
}

/** Rename, make default, delete: the actions on one pipeline. */
export function PipelineActions({ pipeline }: { pipeline: PipelineRead }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const refresh = useRefresh();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const update = useMutation({
    mutationFn: (body: { name?: string; is_default?: boolean }) =>
      ok(pipelinesUpdate({ client, path: { pipeline_id: pipeline.id }, body, headers: { "if-match": etagOf(pipeline.version) } })),
    onSuccess: () => {
      setRenaming(null);
      refresh();
    },
  });
  const errors = fieldErrors(update.error);
  return (
    <div className="stack">
      <div className="inline-form">
        <Link to={`/board?pipeline=${pipeline.id}`} className="button">
          {t("pipelines.openBoardOf", { name: pipeline.name })}
        </Link>
        {renaming === null ? (
          <button type="button" aria-label={`${t("pipelines.rename")}: ${pipeline.name}`} onClick={() => setRenaming(pipeline.name)}>
            {t("pipelines.rename")}
          </button>
        ) : null}
        {pipeline.is_default ? (
          <span className="badge">{t("pipelines.default")}</span>
        ) : (
          <button
            type="button"
            aria-label={`${t("pipelines.makeDefault")}: ${pipeline.name}`}
            disabled={update.isPending}
            onClick={() => update.mutate({ is_default: true })}
          >
            {t("pipelines.makeDefault")}
          </button>
        )}
        <button type="button" className="danger" aria-label={`${t("common.delete")}: ${pipeline.name}`} onClick={() => setDeleting(true)}>
          {t("common.delete")}
        </button>
      </div>
      {renaming !== null ? (
        <form
          className="inline-form"
          aria-label={`${t("pipelines.rename")}: ${pipeline.name}`}
          onSubmit={(e) => {
            e.preventDefault();
            if (renaming.trim() === pipeline.name) setRenaming(null);
            else update.mutate({ name: renaming.trim() });
          }}
        >
          <Field label={t("pipelines.name")} error={errors.name}>
            {(props) => <input {...props} required value={renaming} onChange={(e) => setRenaming(e.target.value)} />}
          </Field>
          <button type="submit" disabled={update.isPending}>
            {t("common.save")}
          </button>
          <button
            type="button"
            onClick={() => {
              setRenaming(null);
              update.reset();
            }}
          >
            {t("common.cancel")}
          </button>
        </form>
      ) : null}
      {errors.name ? null : <SaveProblem error={update.error} onReload={refresh} />}
      {deleting ? <DeletePipeline pipeline={pipeline} onClose={() => setDeleting(false)} /> : null}
    </div>
  );
}

function DeletePipeline({ pipeline, onClose }: { pipeline: PipelineRead; onClose: () => void }) {
  const { t } = useI18n();
  const { client } = useAuth();
  const refresh = useRefresh();
  const remove = useMutation({
    mutationFn: () => ok(pipelinesDelete({ client, path: { pipeline_id: pipeline.id } })),
    onSuccess: () => {
      refresh();
      onClose();
    },
  });
  const conflict = remove.error instanceof ApiError && remove.error.status === 409;
  return (
    <Dialog title={t("pipelines.deleteTitle", { name: pipeline.name })} onClose={onClose}>
      <p>{t("pipelines.deleteConfirm", { name: pipeline.name })}</p>
      {conflict ? (
        <p className="error" role="alert">
          {t("pipelines.deleteRefused")}
        </p>
      ) : (
        <ErrorMessage error={remove.error} />
      )}
      <div className="form-actions">
        <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
          {t("common.delete")}
        </button>
        <button type="button" onClick={onClose}>
          {t("common.cancel")}
        </button>
      </div>
    </Dialog>
  );
}
