import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";

import { LeadRotation } from "../src/components/LeadRotation";
import { fakeApi, json, renderScreen, signedIn } from "./helpers";

const TEAM = { id: "t1", name: "North", description: "", created_at: "", updated_at: "", version: 1 };
const user = (id: string, full_name: string, team_id: string | null = "t1") =>
  ({ id, full_name, team_id, is_active: true, email: `${id}@x.example` }) as never;
const USERS = [user("u1", "Ada Seller"), user("u2", "Ben Seller"), user("u3", "Cid Elsewhere", "t2")];

describe("lead rotation", () => {
  test("lists the rotation, pauses a member and adds a team member; only the team's others are offered", async () => {
    signedIn();
    let members = [{ user_id: "u1", full_name: "Ada Seller", paused: false }];
    const api = fakeApi({
      "GET /api/v1/teams/t1/rotation": () => json({ team_id: "t1", members }),
      "PUT /api/v1/teams/t1/rotation/u1": () => {
        members = [{ ...members[0]!, paused: true }];
        return json({ team_id: "t1", members });
      },
      "PUT /api/v1/teams/t1/rotation/u2": () => {
        members = [...members, { user_id: "u2", full_name: "Ben Seller", paused: false }];
        return json({ team_id: "t1", members });
      },
    });
    renderScreen(<LeadRotation team={TEAM as never} users={USERS} />, { fetch: api.fetch });
    const row = await screen.findByRole("listitem");
    fireEvent.click(within(row).getByRole("button", { name: "Pause Ada Seller" }));
    await waitFor(() => expect(within(row).getByText("paused")).toBeInTheDocument());
    expect(api.calls.find((c) => c.method === "PUT")!.body).toEqual({ paused: true });

    const offered = within(screen.getByLabelText("Add to the rotation")).getAllByRole("option").map((o) => o.textContent);
    expect(offered).toEqual(["—", "Ben Seller"]);
    fireEvent.change(screen.getByLabelText("Add to the rotation"), { target: { value: "u2" } });
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    await waitFor(() => expect(screen.getAllByRole("listitem")).toHaveLength(2));
    expect(screen.getAllByRole("listitem")[1]).toHaveTextContent("Ben Seller");
  });
});
