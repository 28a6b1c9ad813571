import { fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter, Route } from "react-router";
import { describe, expect, test } from "vitest";

import { Providers } from "../src/App";
import { LoginPage } from "../src/pages/Login";
import { AppRoutes } from "../src/routes";
import { STORAGE_KEY } from "../src/session";
import { BASE, fakeApi, fakeToken, json, problem, renderScreen, signedIn } from "./helpers";

function fillAndSubmit(email: string, password: string) {
  fireEvent.change(screen.getByLabelText("E-mail"), { target: { value: email } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("login", () => {
  test("a wrong password says so and stores nothing", async () => {
    const api = fakeApi({ "POST /api/v1/auth/token": () => problem(401, "Wrong e-mail or password.") });
    renderScreen(<LoginPage />, { route: "/login", path: "/login", fetch: api.fetch });
    fillAndSubmit("a@b.example", "nope");
    expect(await screen.findByRole("alert")).toHaveTextContent("E-mail or password is wrong.");
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
  });

  test("signing in keeps the session and opens my day", async () => {
    const access = fakeToken(["contacts:read"]);
    const api = fakeApi({
      "POST /api/v1/auth/token": () => json({ access_token: access, refresh_token: "r1", token_type: "bearer", expires_in: 900 }),
    });
    renderScreen(<LoginPage />, {
      route: "/login",
      path: "/login",
      fetch: api.fetch,
      extraRoutes: <Route path="/my-day" element={<p>my day</p>} />,
    });
    fillAndSubmit("a@b.example", "right");
    expect(await screen.findByText("my day")).toBeInTheDocument();
    expect(JSON.parse(localStorage.getItem(STORAGE_KEY)!)).toMatchObject({ accessToken: access, refreshToken: "r1" });
    expect(String(api.calls[0]!.body)).toContain("username=a%40b.example");
  });

  test("a session the API no longer accepts ends on the login page with a message", async () => {
    signedIn(["contacts:read"], Date.now() - 1000); // the access token has run out
    const api = fakeApi({
      "POST /api/v1/auth/refresh": () => problem(401, "Refresh token revoked."),
    });
    render(
      <MemoryRouter initialEntries={["/contacts"]}>
        <Providers fetch={api.fetch} baseUrl={BASE} lang="en">
          <AppRoutes />
        </Providers>
      </MemoryRouter>,
    );
    expect(await screen.findByText("Your session has expired. Please sign in again.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Sign in to the CRM" })).toBeInTheDocument();
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
    // One refresh was tried (one at a time, however many screens asked), then it ended.
    expect(api.calls.filter((c) => c.path === "/api/v1/auth/refresh")).toHaveLength(1);
  });
});
