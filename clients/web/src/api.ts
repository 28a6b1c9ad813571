// Small helpers around the generated SDK's `{ data, error, response }` answers.
import type { Problem } from "@crm/sdk";

/** A failed call, with the API's problem+json body when there is one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;

  constructor(status: number, problem: Problem | undefined) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response?: Response;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "status" in value && "title" in value;
}

/** The data of a successful call; throws an ApiError otherwise. */
export async function ok<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response?.ok) return data as T;
  throw new ApiError(response?.status ?? 0, isProblem(error) ? error : undefined);
}

/** Like `ok`, plus the ETag to send back as If-Match. */
export async function withEtag<T>(call: Promise<Answer<T>>): Promise<{ data: T; etag: string | null }> {
  const answer = await call;
  const data = await ok(Promise.resolve(answer));
  return { data, etag: answer.response?.headers.get("ETag") ?? null };
}

/** One field error of a problem: `code` (the API's closed vocabulary) is what the app
 * translates, with `params`; `message` is the API's English text, never shown. */
export interface FieldProblem {
  code: string;
  params: Record<string, string | number>;
  message: string;
}

/**
 * Field errors of a 422 keyed by field path (`emails.0.email`), each also under its
 * first segment (`emails`), so a form shows it at the input that holds the value.
 */
export function fieldErrors(error: unknown): Record<string, FieldProblem> {
  const out: Record<string, FieldProblem> = {};
  if (!(error instanceof ApiError)) return out;
  for (const item of error.problem?.errors ?? []) {
    const found: FieldProblem = {
      code: typeof item.code === "string" ? item.code : "invalid",
      params: (item.params ?? {}) as Record<string, string | number>,
      message: item.message,
    };
    out[item.field] ??= found;
    const head = item.field.split(".")[0];
    if (head) out[head] ??= found;
  }
  return out;
}

export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 412;
}

/** The ETag of a record as the API spells it, from its version. */
export function etagOf(version: number): string {
  return `"${version}"`;
}
