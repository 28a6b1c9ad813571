// Names the API sends as stable keys (role templates, permissions, field types, record
// kinds), shown in the interface's language. A custom role keeps the name its makers gave.
import type { MessageKey } from "./i18n";

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function roleName(role: { name: string; template_key?: string | null }, t: Translate): string {
  return role.template_key ? t(`role.${role.template_key}` as MessageKey) : role.name;
}

export function permissionLabel(permission: string, t: Translate): string {
  return t(`permission.${permission}` as MessageKey);
}

export function fieldTypeLabel(type: string, t: Translate): string {
  return t(`fieldType.${type}` as MessageKey);
}

export function entityLabel(entity: string, t: Translate): string {
  return t(`entity.${entity}` as MessageKey);
}
