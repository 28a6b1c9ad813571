// Small building blocks shared by the screens.
import { type ReactNode, useEffect, useId, useRef } from "react";

import { ApiError } from "../api";
import { useI18n } from "../i18n";

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
  const { t } = useI18n();
  if (!error) return null;
  let text = t("common.error");
  if (error instanceof ApiError) {
    if (error.status === 403) text = t("common.forbidden");
    else if (error.status === 404) text = t("common.notFound");
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
  error?: string;
  hint?: string;
  children: (props: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}

/** A labelled input with its API error (problem+json `errors[]`) right below it. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const described = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ");
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(error ? { "aria-invalid": true } : {}), ...(described ? { "aria-describedby": described } : {}) })}
      {hint ? (
        <small id={hintId} className="muted">
          {hint}
        </small>
      ) : null}
      {error ? (
        <small id={errorId} className="field-error">
          {error}
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
