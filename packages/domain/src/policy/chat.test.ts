import { describe, expect, it } from "vitest";
import {
  listsChatRoom,
  messagePermissions,
  supportTakenByAnother,
  takesPartInChat,
  type ChatRoomFacts,
  type ChatViewer,
} from "./chat.ts";

const crew7: ChatViewer = { id: "crew7", role: "crew" };
const manager1: ChatViewer = { id: "manager1", role: "manager" };
const manager2: ChatViewer = { id: "manager2", role: "manager" };
const admin: ChatViewer = { id: "admin", role: "admin" };
const people = (...ids: string[]) => ids.map((id) => ({ id }));

/** crew7 asked "whoever is free"; both managers were invited. */
const waiting: ChatRoomFacts = {
  kind: "support",
  members: people("crew7", "manager1", "manager2"),
  requesterId: "crew7",
  claimedBy: null,
};
/** manager1 answered first: manager2 left the room. */
const taken: ChatRoomFacts = {
  kind: "support",
  members: people("crew7", "manager1"),
  requesterId: "crew7",
  claimedBy: { id: "manager1" },
};
/** the summary manager2 still had before he left (his list had not heard yet) */
const takenStale: ChatRoomFacts = { ...taken, members: people("crew7", "manager1", "manager2") };
const team: ChatRoomFacts = {
  kind: "team",
  members: people("manager1", "crew1", "crew7"),
  requesterId: null,
  claimedBy: null,
};

const fromCrew7 = { authorId: "crew7" };

describe("chat rules (server and web ask the same)", () => {
  it("a taken support room: the manager who did not take it can neither delete crew7's message nor see the room in his list", () => {
    expect(messagePermissions(fromCrew7, taken, manager2)).toEqual({ edit: false, delete: false });
    expect(messagePermissions(fromCrew7, takenStale, manager2)).toEqual({ edit: false, delete: false });
    expect(listsChatRoom(taken, manager2)).toBe(false);
    expect(supportTakenByAnother(takenStale, manager2)).toBe(true);
    expect(takesPartInChat(takenStale, manager2)).toBe(false);
  });

  it("the manager who took it, and the one who asked, go on", () => {
    expect(messagePermissions(fromCrew7, taken, manager1)).toEqual({ edit: false, delete: true });
    expect(messagePermissions(fromCrew7, taken, crew7)).toEqual({ edit: true, delete: true });
    expect(listsChatRoom(taken, manager1)).toBe(true);
    expect(listsChatRoom(taken, crew7)).toBe(true);
    expect(supportTakenByAnother(taken, manager1)).toBe(false);
    expect(supportTakenByAnother(taken, crew7)).toBe(false);
  });

  it("while nobody has taken it, every invited manager is in it", () => {
    expect(takesPartInChat(waiting, manager2)).toBe(true);
    expect(listsChatRoom(waiting, manager2)).toBe(true);
    expect(messagePermissions(fromCrew7, waiting, manager2)).toEqual({ edit: false, delete: true });
  });

  it("only the author edits; the author, managers and admins in the room delete; crew never delete others' messages", () => {
    expect(messagePermissions({ authorId: "manager1" }, team, crew7)).toEqual({ edit: false, delete: false });
    expect(messagePermissions({ authorId: "crew7" }, team, { id: "crew1", role: "crew" })).toEqual({
      edit: false,
      delete: false,
    });
    expect(messagePermissions({ authorId: "crew1" }, team, manager1)).toEqual({ edit: false, delete: true });
  });

  it("someone who left the room can do nothing with their own messages there", () => {
    const left: ChatRoomFacts = { ...team, members: people("manager1", "crew1") };
    expect(messagePermissions(fromCrew7, left, crew7)).toEqual({ edit: false, delete: false });
    expect(listsChatRoom(left, crew7)).toBe(false);
  });

  it("an admin may look into any room (and moderate), but it is in their list only when they are a member", () => {
    expect(takesPartInChat(team, admin)).toBe(true);
    expect(messagePermissions(fromCrew7, team, admin)).toEqual({ edit: false, delete: true });
    expect(listsChatRoom(team, admin)).toBe(false);
  });
});
