// A secret the API shows once (an API key, a webhook's signing secret), just after its
// creation: a warning, the secret in a read-only input, a copy button. The caller drops
// the secret from its state when the box is closed, so it is gone from the page.
import { useEffect, useId, useRef, useState } from "react";

import { useI18n } from "../i18n";

interface SecretBoxProps {
  title: string;
  /** The input's label, e.g. "API key". */
  label: string;
  secret: string;
  /** Says it will not be shown again. */
  warning: string;
  /** Asks to copy it by hand when the clipboard refused. */
  copyFailed: string;
  onClose: () => void;
}

export function SecretBox({ title, label, secret, warning, copyFailed, onClose }: SecretBoxProps) {
  const { t } = useI18n();
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <section ref={ref} tabIndex={-1} className="card secret-box" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="notice" id={`${id}-warning`}>
        <strong>{warning}</strong>
      </p>
      <div className="secret-row">
        <label htmlFor={`${id}-secret`}>{label}</label>
        <input
          id={`${id}-secret`}
          readOnly
          value={secret}
          aria-describedby={`${id}-warning`}
          spellCheck={false}
          autoComplete="off"
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="primary" onClick={() => void copy()}>
          {t("apiKeys.copy")}
        </button>
      </div>
      <p role="status" className={copied === "failed" ? "error" : "success"}>
        {copied === "yes" ? t("apiKeys.copied") : copied === "failed" ? copyFailed : ""}
      </p>
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          {t("apiKeys.secretClose")}
        </button>
      </div>
    </section>
  );
}

/** `2026-12-07T14:30` in the browser's time zone, for a datetime-local input. */
export function localInput(iso: string | null): string {
  if (!iso) return "";
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** A datetime-local value (the browser's time zone) as the API's moment; empty: none. */
export function moment(value: string): string | null {
  return value ? new Date(value).toISOString() : null;
}
