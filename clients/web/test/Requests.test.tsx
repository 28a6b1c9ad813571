import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";

import RequestsPage from "../src/pages/Requests";
import { ALL_PERMS, fakeApi, fakeToken, json, renderScreen } from "./helpers";
import { STORAGE_KEY } from "../src/session";

const signIn = (extra: Record<string, unknown>) =>
  localStorage.setItem(
    STORAGE_KEY,
    JSON.stringify({ accessToken: fakeToken(ALL_PERMS, extra), refreshToken: "r", expiresAt: Date.now() + 600_000 }),
  );

const queue = () =>
  fakeApi({
    "GET /api/v1/users": () => json({ items: [], next_cursor: null }),
    "GET /api/v1/requests": () => json({ items: [], next_cursor: null }),
  });

const lastQueue = (api: ReturnType<typeof queue>) => api.calls.filter((c) => c.path === "/api/v1/requests").at(-1)!.search;

describe("requests queue", () => {
  test("mine, my team's or everyone's: each view asks the API for it", async () => {
    signIn({ team: "t-1" });
    const api = queue();
    renderScreen(<RequestsPage />, { route: "/requests", path: "/requests", fetch: api.fetch });
    const view = await screen.findByLabelText("Show");
    expect(within(view).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Assigned to me",
      "My team",
      "Everyone I can see",
    ]);
    await waitFor(() => expect(lastQueue(api).get("assignee_id")).toBe("u-me"));

    fireEvent.change(view, { target: { value: "team" } });
    await waitFor(() => expect(lastQueue(api).get("team_id")).toBe("t-1"));
    expect(lastQueue(api).has("assignee_id")).toBe(false);

    fireEvent.change(view, { target: { value: "all" } });
    await waitFor(() => expect(lastQueue(api).has("team_id")).toBe(false));
  });

  test("someone in no team is not offered a team view", async () => {
    signIn({ team: null });
    const api = queue();
    renderScreen(<RequestsPage />, { route: "/requests", path: "/requests", fetch: api.fetch });
    const view = await screen.findByLabelText("Show");
    expect(within(view).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Assigned to me",
      "Everyone I can see",
    ]);
  });
});
