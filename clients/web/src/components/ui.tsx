// Small building blocks shared by the screens.
import { type ReactNode, useEffect, useId, useRef } from "react";

import { ApiError, type FieldProblem, fieldErrors, isConflict } from "../api";
import { type I18n, type MessageKey, useI18n } from "../i18n";

const FIELD_ERROR_CODES = new Set([
  "required", "too_short", "too_long", "too_few", "too_many", "out_of_range", "invalid_type",
  "invalid_format", "invalid_date", "invalid_email", "invalid_phone", "invalid_country",
  "invalid_currency", "invalid_choice", "unknown_field", "not_found", "duplicate", "not_allowed",
  "weak_password", "invalid",
]);

/** A field error in the user's language, from the API's code and params (never its English
 * message); a code this app does not know yet reads as a generic "not valid". */
export function fieldErrorText(problem: FieldProblem | string, i18n: Pick<I18n, "t" | "number">): string {
  if (typeof problem === "string") return problem; // already the app's own text
  const { t } = i18n;
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(problem.params ?? {})) {
    params[key] = typeof value === "number" ? i18n.number(value) : String(value);
  }
  const has = (key: string) => key in params;
  const needs: Record<string, string[]> = { too_short: ["min_length"], too_long: ["max_length"], too_few: ["min_length"], too_many: ["max_length"] };
  if (problem.code === "out_of_range") {
    if (has("min") && has("max")) return t("fieldError.between", params);
    if (has("min")) return t("fieldError.atLeast", params);
    if (has("max")) return t("fieldError.atMost", params);
    if (has("gt")) return t("fieldError.greaterThan", params);
    if (has("lt")) return t("fieldError.lessThan", params);
    return t("fieldError.out_of_range");
  }
  if (!FIELD_ERROR_CODES.has(problem.code) || !(needs[problem.code] ?? []).every(has)) return t("fieldError.invalid");
  return t(`fieldError.${problem.code}` as MessageKey, params);
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t("common.loading")}
    </p>
  );
}

/** An error of a query or mutation, as the API explained it. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  let text = t("common.error");
  if (error instanceof ApiError) {
    if (error.status === 403) text = t("common.forbidden");
    else if (error.status === 404) text = t("common.notFound");
    // The API's detail is English: other languages get a translated text instead.
    else if (error.status === 422 && lang !== "en") text = t("common.invalidInput");
    else if (error.problem) text = error.problem.detail || error.problem.title;
  } else if (error instanceof Error && error.message) {
    text = `${text} (${error.message})`;
  }
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}

interface FieldProps {
  label: string;
  /** The API's field error (translated here by its code), or a message of the app's own. */
  error?: FieldProblem | string;
  hint?: string;
  required?: boolean;
  children: (props: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}

/** A labelled input with its API error (problem+json `errors[]`) right below it. */
export function Field({ label, error, hint, required, children }: FieldProps) {
  const i18n = useI18n();
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const described = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ");
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required-mark"> ({i18n.t("common.required")})</span> : null}
      </label>
      {children({ id, ...(error ? { "aria-invalid": true } : {}), ...(described ? { "aria-describedby": described } : {}) })}
      {hint ? (
        <small id={hintId} className="muted">
          {hint}
        </small>
      ) : null}
      {error ? (
        <small id={errorId} className="field-error">
          {fieldErrorText(error, i18n)}
        </small>
      ) : null}
    </div>
  );
}

export function Money({ amount, currency }: { amount: number; currency: string }) {
  const { money } = useI18n();
  return <span className="money">{money(amount, currency)}</span>;
}

/** Sums per currency, e.g. "12.000,00 € · 3.500,00 $". */
export function Totals({ totals }: { totals: Record<string, number> }) {
  const { money } = useI18n();
  const entries = Object.entries(totals).filter(([, v]) => v !== 0);
  if (entries.length === 0) return <span className="muted">—</span>;
  return <span>{entries.map(([currency, minor]) => money(minor, currency)).join(" · ")}</span>;
}

export function StageBadge({ stage }: { stage: string }) {
  const { t } = useI18n();
  const key = `stage.${stage}` as Parameters<typeof t>[0];
  return <span className={`badge badge-${stage}`}>{t(key)}</span>;
}

/** A modal dialog: focus moves in, Escape closes, focus returns to where it was. */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>("input, textarea, select, button");
    first?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => {
          if (e.key === "Escape") onClose();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}

export function PageHeader({ title, actions }: { title: string; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · CRM`;
  }, [title]);
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {actions ? <div className="actions">{actions}</div> : null}
    </div>
  );
}

/** Calls `onVisible` when the element scrolls into view: infinite scroll by cursor. */
export function LoadMore({ onVisible, busy, hasMore }: { onVisible: () => void; busy: boolean; hasMore: boolean }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = ref.current;
    if (!node || !hasMore || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !busy) onVisible();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [onVisible, busy, hasMore]);
  if (!hasMore) return null;
  return (
    <div ref={ref} className="load-more">
      <button type="button" onClick={onVisible} disabled={busy}>
        {busy ? t("common.loading") : t("common.loadMore")}
      </button>
    </div>
  );
}

/** Why a save failed: a conflict (with a reload when one is offered), a pointer to the
 * marked fields, or the message. */
export function SaveProblem({ error, onReload }: { error: unknown; onReload?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  if (isConflict(error)) {
    return (
      <div className="notice" role="alert">
        <p>{t("common.conflict")}</p>
        {onReload ? (
          <button type="button" onClick={onReload}>
            {t("common.reload")}
          </button>
        ) : null}
      </div>
    );
  }
  if (Object.keys(fieldErrors(error)).length > 0) {
    return (
      <p className="error" role="alert">
        {t("common.fixFields")}
      </p>
    );
  }
  return <ErrorMessage error={error} />;
}
