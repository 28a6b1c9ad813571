// Generates src/generated/ from the committed contract: `npm run generate` (or `make sdk`
// at the repository root). Never edit src/generated/ by hand; src/auth.ts is the only
// hand-written code. CRM_SDK_INPUT / CRM_SDK_OUTPUT let the freshness test
// (tests/contract/test_sdk_fresh.py) regenerate into a temporary folder and compare.
import { defineConfig } from "@hey-api/openapi-ts";

export default defineConfig({
  input: process.env.CRM_SDK_INPUT ?? "../../../openapi/openapi.json",
  output: {
    path: process.env.CRM_SDK_OUTPUT ?? "src/generated",
    module: { extension: ".js" },
    tsConfigPath: "./tsconfig.json",
  },
  logs: { level: "silent" },
  plugins: [
    "@hey-api/client-fetch",
    "@hey-api/typescript",
    "@hey-api/sdk",
  ],
});
