// A role's access levels as a grid: one row per kind of record, a read, a write and an
// archive column (archiving and restoring). Read-only, or editable within the editor's own
// levels (`limit`): a cell offers only levels no wider than the editor's for that kind and
// action, write no wider than the chosen read, archive no wider than the chosen write;
// lowering read lowers write, lowering write lowers archive, and archive goes up with write
// while it is as wide. The API checks it all again and names a refused level
// `access.<kind>.<read|write|archive>`, shown at its select.
import { useId } from "react";

import { ACTIONS, type AccessGroup, accessGroups, offeredLevels, withLevel } from "../access";
import type { FieldProblem } from "../api";
import { type MessageKey, useI18n } from "../i18n";
import { type AccessAction, type AccessLevel, type AccessMatrix, RECORD_KINDS, type RecordKind } from "../session";
import { fieldErrorText } from "./ui";

type Translate = ReturnType<typeof useI18n>["t"];

export function kindLabel(kind: RecordKind, t: Translate): string {
  return t(`access.kind.${kind}` as MessageKey);
}

export function levelLabel(level: AccessLevel, t: Translate): string {
  return t(`access.level.${level}` as MessageKey);
}

const ACTION_HEADERS: Record<AccessAction, MessageKey> = { read: "access.read", write: "access.write", archive: "access.archive" };
const CELL_LABELS: Record<AccessAction, MessageKey> = { read: "access.readKind", write: "access.writeKind", archive: "access.archiveKind" };

export function cellLabel(kind: RecordKind, action: AccessAction, t: Translate): string {
  return t(CELL_LABELS[action], { kind: kindLabel(kind, t) });
}

/** One group in words; its archive level only where it differs from its write level. */
function groupText(group: AccessGroup, t: Translate): string {
  const kinds = group.kinds.length === RECORD_KINDS.length ? t("access.allKinds") : group.kinds.map((k) => kindLabel(k, t)).join(", ");
  const levels = { kinds, read: levelLabel(group.read, t), write: levelLabel(group.write, t) };
  if (group.archive === group.write) return t("access.summary", levels);
  return t("access.summaryArchive", { ...levels, archive: levelLabel(group.archive, t) });
}

/** The levels in a few words: kinds with the same levels together, those without left out;
 * archiving is named only where it reaches less far than writing. */
export function AccessSummary({ access }: { access: AccessMatrix }) {
  const { t } = useI18n();
  const groups = accessGroups(access);
  if (groups.length === 0) return <span className="muted">{t("access.noRecords")}</span>;
  return (
    <ul className="plain access-summary">
      {groups.map((group) => (
        <li key={group.kinds.join()}>{groupText(group, t)}</li>
      ))}
    </ul>
  );
}

interface AccessGridProps {
  caption: string;
  /** The caption is for assistive technology only (a heading shows it already). */
  captionHidden?: boolean;
  value: AccessMatrix;
  /** The editor's own levels: given (with `onChange`), the grid is editable within them. */
  limit?: AccessMatrix;
  onChange?: (next: AccessMatrix) => void;
  /** The API's field errors, keyed by field path (`access.contacts.read`, `access.deals.archive`). */
  errors?: Record<string, FieldProblem>;
}

export function AccessGrid({ caption, captionHidden, value, limit, onChange, errors = {} }: AccessGridProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const editable = Boolean(limit && onChange);
  const cellKeys = new Set(RECORD_KINDS.flatMap((kind) => ACTIONS.map((action) => `access.${kind}.${action}`)));
  const errorKeys = Object.keys(errors);
  // An access error the grid has no cell for (an unknown kind, the matrix as a whole).
  const general = errorKeys.some((key) => cellKeys.has(key))
    ? undefined
    : errorKeys.filter((key) => key === "access" || key.startsWith("access.")).map((key) => errors[key]!)[0];
  const hintId = `${id}-hint`;
  return (
    <div className="access-grid">
      <div className="table-wrap">
        <table className="table" aria-describedby={editable ? hintId : undefined}>
          <caption className={captionHidden ? "visually-hidden" : undefined}>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("access.kind")}</th>
              {ACTIONS.map((action) => (
                <th key={action} scope="col">
                  {t(ACTION_HEADERS[action])}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {RECORD_KINDS.map((kind) => (
              <tr key={kind}>
                <th scope="row">{kindLabel(kind, t)}</th>
                {ACTIONS.map((action) => {
                  const level = value[kind][action];
                  if (!editable) return <td key={action}>{levelLabel(level, t)}</td>;
                  const offered = offeredLevels(limit!, kind, action, value[kind]);
                  // A level saved earlier stays shown even when it is no longer offered.
                  const options = offered.includes(level) ? offered : [...offered, level];
                  const error = errors[`access.${kind}.${action}`];
                  const errorId = `${id}-${kind}-${action}-error`;
                  return (
                    <td key={action} className={error ? "field-invalid" : undefined}>
                      <select
                        aria-label={cellLabel(kind, action, t)}
                        value={level}
                        {...(error ? { "aria-invalid": true, "aria-describedby": errorId } : {})}
                        onChange={(e) => onChange!(withLevel(value, kind, action, e.target.value as AccessLevel, limit))}
                      >
                        {options.map((option) => (
                          <option key={option} value={option}>
                            {levelLabel(option, t)}
                          </option>
                        ))}
                      </select>
                      {error ? (
                        <small id={errorId} className="field-error">
                          {fieldErrorText(error, i18n)}
                        </small>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editable ? (
        <small id={hintId} className="muted">
          {t("access.hint")}
        </small>
      ) : null}
      {general ? (
        <p className="field-error" role="alert">
          {fieldErrorText(general, i18n)}
        </p>
      ) : null}
    </div>
  );
}
