// `npm run dev` serves the app with hot reload and passes /api (and the health checks)
// to a local API: CRM_API_URL, default http://127.0.0.1:8000 (`make run` in the root).
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = process.env.CRM_API_URL ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      "/api": { target: api, changeOrigin: true },
      "/readyz": { target: api, changeOrigin: true },
    },
  },
  // Maps for error tracking, not linked from the code; the API never serves them.
  build: { outDir: "dist", sourcemap: "hidden" },
});
