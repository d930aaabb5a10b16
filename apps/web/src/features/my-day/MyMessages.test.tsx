// @vitest-environment jsdom
// My Day's rooms are named as on the chat screen: a team room in the viewer's language.
import { beforeEach, describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import { setLocale } from "../../i18n/index.ts";
import type { ChatRoomSummary } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { makeUser, renderSignedIn, testQueryClient } from "../../test/render.tsx";
import { MyMessages } from "./MyMessages.tsx";

const ME = makeUser({ id: "u-crew1", role: "crew" });
const team: ChatRoomSummary = {
  id: "room-team-a",
  kind: "team",
  name: null,
  workOrderId: null,
  team: { id: "team-a", name: "A" },
  members: [
    { id: ME.id, name: ME.name, displayName: ME.name, role: "crew" },
    { id: "u-m1", name: "高橋 真理子", displayName: "高橋 真理子", role: "manager" },
  ],
  requesterId: null,
  claimedBy: null,
  unread: 0,
  lastMessage: null,
  readMarkers: [],
};

describe("My Day: my rooms", () => {
  beforeEach(() => setLocale("ja"));

  it("names a team room in the viewer's language, not after its members", () => {
    const client = testQueryClient();
    client.setQueryData(queryKeys.chat.rooms(), { items: [team] });
    renderSignedIn(<MyMessages userId={ME.id} />, { user: ME, client });
    expect(screen.getByRole("link", { name: /チーム A のルーム/ })).toHaveAttribute("href", "/chat/room-team-a");
    expect(screen.queryByText(/高橋 真理子/)).not.toBeInTheDocument();
  });
});
