import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";

import AdminPage from "../src/pages/Admin";
import { BoardPage } from "../src/pages/Board";
import { STORAGE_KEY } from "../src/session";
import { acc, fakeApi, fakeToken, json, problem, renderScreen } from "./helpers";

function signInAs(perms: string[]) {
  const token = fakeToken(perms, { rank: 100, acc: acc("aaa") });
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ accessToken: token, refreshToken: "r", expiresAt: Date.now() + 600_000 }));
}

const stage = (id: string, name: string, kind: string, position: number) => ({ id, name, kind, position, probability: 50, rotting_days: null });
const SALES = {
  id: "p-1", name: "Sales", is_default: true, version: 3,
  stages: [stage("s-new", "New", "open", 0), stage("s-won", "Won", "won", 1), stage("s-lost", "Lost", "lost", 2)],
};
const RENEWALS = {
  id: "p-2", name: "Renewals", is_default: false, version: 1,
  stages: [stage("r-due", "Due", "open", 0), stage("r-won", "Renewed", "won", 1), stage("r-lost", "Churned", "lost", 2)],
};

describe("pipelines in administration", () => {
  test("a second pipeline is created with its stages in order; the API's problems show at their rows", async () => {
    signInAs(["deals:read", "pipelines:manage"]);
    let posts = 0;
    const api = fakeApi({
      "GET /api/v1/pipelines": () => json({ items: posts > 1 ? [SALES, RENEWALS] : [SALES] }),
      "POST /api/v1/pipelines": () =>
        ++posts === 1
          ? problem(422, "Invalid input", [{ field: "stages.1.name", message: "used twice", code: "duplicate", params: {} }])
          : json(RENEWALS, 201),
    });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
    const form = await screen.findByRole("form", { name: "New pipeline" });
    fireEvent.change(within(form).getByLabelText("Pipeline name"), { target: { value: "Renewals" } });
    // One stage of each kind to start with; another open one goes before Won and Lost.
    fireEvent.click(within(form).getByRole("button", { name: "Add another stage" }));
    expect(within(form).getByLabelText("Stage 2: kind")).toHaveValue("open");
    expect(within(form).getByLabelText("Stage 3: kind")).toHaveValue("won");
    expect(within(form).getByLabelText("Stage 4: kind")).toHaveValue("lost");
    fireEvent.click(within(form).getByRole("button", { name: "Remove stage: 2" }));
    fireEvent.change(within(form).getByLabelText("Stage 1: name"), { target: { value: "Due" } });
    fireEvent.change(within(form).getByLabelText("Stage 2: name"), { target: { value: "Due" } });
    fireEvent.change(within(form).getByLabelText("Stage 3: name"), { target: { value: "Churned" } });
    fireEvent.click(within(form).getByRole("button", { name: "Create the pipeline" }));
    const name2 = within(form).getByLabelText("Stage 2: name");
    await waitFor(() => expect(name2).toHaveAttribute("aria-invalid", "true"));
    expect(name2).toHaveAccessibleDescription("This value is already taken.");
    fireEvent.change(name2, { target: { value: "Renewed" } });
    fireEvent.click(within(form).getByRole("button", { name: "Create the pipeline" }));
    expect(await within(form).findByRole("link", { name: "Open its board" })).toHaveAttribute("href", "/board?pipeline=p-2");
    expect(api.calls.filter((c) => c.method === "POST").at(-1)!.body).toEqual({
      name: "Renewals",
      stages: [
        { name: "Due", probability: 10, kind: "open" },
        { name: "Renewed", probability: 100, kind: "won" },
        { name: "Churned", probability: 0, kind: "lost" },
      ],
    });
    expect(await screen.findByRole("region", { name: "Pipeline: Renewals" })).toBeInTheDocument();
  });

  test("a pipeline is renamed with If-Match, made the default, and deleted after a confirmation", async () => {
    signInAs(["deals:read", "pipelines:manage"]);
    let deletes = 0;
    const api = fakeApi({
      "GET /api/v1/pipelines": () => json({ items: [SALES, RENEWALS] }),
      "PATCH /api/v1/pipelines/p-2": (call) => json({ ...RENEWALS, ...(call.body as object), version: 2 }),
      "DELETE /api/v1/pipelines/p-1": () => problem(409, "The default pipeline stays; make another the default first."),
      "DELETE /api/v1/pipelines/p-2": () => {
        deletes++;
        return new Response(null, { status: 204 });
      },
    });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
    const section = await screen.findByRole("region", { name: "Pipeline: Renewals" });
    expect(within(screen.getByRole("region", { name: "Pipeline: Sales" })).getByText("Default pipeline")).toBeInTheDocument();
    fireEvent.click(within(section).getByRole("button", { name: "Rename: Renewals" }));
    const rename = within(section).getByRole("form", { name: "Rename: Renewals" });
    fireEvent.change(within(rename).getByLabelText("Pipeline name"), { target: { value: "Renewals 2027" } });
    fireEvent.click(within(rename).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.calls.some((c) => c.method === "PATCH")).toBe(true));
    const patch = api.calls.find((c) => c.method === "PATCH")!;
    expect(patch.body).toEqual({ name: "Renewals 2027" });
    expect(patch.headers.get("if-match")).toBe('"1"');
    fireEvent.click(within(section).getByRole("button", { name: "Make default: Renewals" }));
    await waitFor(() => expect(api.calls.filter((c) => c.method === "PATCH")).toHaveLength(2));
    expect(api.calls.filter((c) => c.method === "PATCH")[1]!.body).toEqual({ is_default: true });

    // The API refuses to delete the default: the refusal is said in the user's language.
    fireEvent.click(screen.getByRole("button", { name: "Delete: Sales" }));
    const refused = screen.getByRole("dialog", { name: "Delete the pipeline “Sales”?" });
    fireEvent.click(within(refused).getByRole("button", { name: "Delete" }));
    expect(await within(refused).findByRole("alert")).toHaveTextContent("cannot be deleted");
    fireEvent.click(within(refused).getByRole("button", { name: "Cancel" }));

    fireEvent.click(within(section).getByRole("button", { name: "Delete: Renewals" }));
    const dialog = screen.getByRole("dialog", { name: "Delete the pipeline “Renewals”?" });
    expect(deletes).toBe(0);
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(deletes).toBe(1);
  });

  test("the board switches between pipelines", async () => {
    signInAs(["deals:read"]);
    const column = (s: ReturnType<typeof stage>) => ({ stage: s, count: 0, totals: {}, deals: [] });
    const api = fakeApi({
      "GET /api/v1/pipelines": () => json({ items: [SALES, RENEWALS] }),
      "GET /api/v1/pipelines/p-1/board": () => json({ pipeline: SALES, columns: SALES.stages.map(column) }),
      "GET /api/v1/pipelines/p-2/board": () => json({ pipeline: RENEWALS, columns: RENEWALS.stages.map(column) }),
    });
    renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: api.fetch });
    expect(await screen.findByRole("region", { name: "New" })).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText("Pipeline"), { target: { value: "p-2" } });
    expect(await screen.findByRole("region", { name: "Renewed" })).toBeInTheDocument();
  });
});
