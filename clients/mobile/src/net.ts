// What an SDK call came to: data, no network, or the API's answer with its problem.
import type { Problem } from "@crm/sdk";

export type Outcome<T> =
  | { kind: "ok"; data: T; status: number }
  | { kind: "offline"; error: unknown }
  | { kind: "http"; status: number; problem: Problem | null; body: unknown };

interface SdkResult<T> {
  data?: T;
  error?: unknown;
  response?: Response;
}

export async function outcome<T>(call: Promise<SdkResult<T>>): Promise<Outcome<T>> {
  let result: SdkResult<T>;
  try {
    result = await call;
  } catch (error) {
    return { kind: "offline", error };
  }
  const { data, error, response } = result;
  if (response === undefined) return { kind: "offline", error };
  if (response.ok) return { kind: "ok", data: data as T, status: response.status };
  return { kind: "http", status: response.status, problem: isProblem(error) ? error : null, body: error };
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "status" in value && "title" in value;
}

/** A problem's message for a person: its detail, else its title. */
export function problemMessage(outcome: Outcome<unknown>): string {
  if (outcome.kind === "offline") return "offline";
  if (outcome.kind === "ok") return "";
  return outcome.problem?.detail || outcome.problem?.title || `HTTP ${outcome.status}`;
}

/** A random UUID (v4), for Idempotency-Keys and local ids. */
export function uuid(): string {
  const cryptoApi = (globalThis as { crypto?: Crypto }).crypto;
  if (cryptoApi?.randomUUID) return cryptoApi.randomUUID();
  const bytes = new Uint8Array(16);
  if (cryptoApi?.getRandomValues) cryptoApi.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
