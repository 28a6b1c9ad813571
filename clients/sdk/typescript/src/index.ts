// The CRM TypeScript SDK: generated functions and types (./generated, from
// openapi/openapi.json) plus the hand-written session that signs in and refreshes tokens.
export * from "./generated/index.js";
export { client } from "./generated/client.gen.js";
export { createClient, createConfig } from "./generated/client/index.js";
export type { Client, Config } from "./generated/client/index.js";
export { AuthError, CrmSession, type SessionOptions, type TokenPair } from "./auth.js";
export {
  verifyWebhook,
  WEBHOOK_TOLERANCE_SECONDS,
  WebhookVerificationError,
  type VerifyOptions,
} from "./webhooks.js";
