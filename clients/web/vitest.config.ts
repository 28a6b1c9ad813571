import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Vitest 5 wants Node 22 and, on Node 20, its reporter crashes on Map.groupBy while
// printing failures (so a failing run would report nothing). The config loads in that
// process: a small polyfill here keeps failures readable on Node 20.
if (typeof (Map as { groupBy?: unknown }).groupBy !== "function") {
  Object.defineProperty(Map, "groupBy", {
    configurable: true,
    writable: true,
    value: <K, V>(items: Iterable<V>, key: (item: V, index: number) => K): Map<K, V[]> => {
      const groups = new Map<K, V[]>();
      let index = 0;
      for (const item of items) {
        const k = key(item, index++);
        const group = groups.get(k);
        if (group) group.push(item);
        else groups.set(k, [item]);
      }
      return groups;
    },
  });
}

export default defineConfig({
  plugins: [react()],
  test: {
    environment: "jsdom",
    // The browser journeys under e2e/ belong to Playwright, not to Vitest.
    include: ["test/**/*.test.{ts,tsx}"],
    setupFiles: ["test/setup.ts"],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
