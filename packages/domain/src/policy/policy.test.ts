import { describe, expect, it } from "vitest";
import {
  audience,
  checkGate,
  homeRooms,
  roomsToJoinOnConnect,
  mayEditOrder,
  mayEditTask,
  mayJoinRoom,
  mayAnswerOffer,
  mayEditWorkProfile,
  mayOfferUrgently,
  mayReadWorkProfile,
  seesEveryOfferAnswer,
  urgentOfferScope,
  mayWriteAccommodation,
  personalAccess,
  assignmentNeedsOverride,
  personView,
  rooms,
  taskScope,
  workOrderScope,
  type Identity,
  type RoomFacts,
} from "./index.ts";

const TEAM_A = "00000000-0000-4000-8000-00000000000a";
const TEAM_B = "00000000-0000-4000-8000-00000000000b";
const COMPANY = "00000000-0000-4000-8000-0000000000c1";
const who = (id: string, role: Identity["role"], extra: Partial<Identity> = {}): Identity => ({
  id,
  role,
  clientCompanyId: null,
  teamId: null,
  ...extra,
});

const admin = who("admin", "admin");
const managerA = who("managerA", "manager", { teamId: TEAM_A });
const managerB = who("managerB", "manager", { teamId: TEAM_B });
const crewA = who("crewA", "crew", { teamId: TEAM_A });
const crewA2 = who("crewA2", "crew", { teamId: TEAM_A });
const client = who("client", "client", { clientCompanyId: COMPANY });

describe("gates", () => {
  it("answer 401 without a session and 403 for a role the gate does not let through", () => {
    expect(checkGate("public", null)).toBe("allow");
    expect(checkGate("signedIn", null)).toBe("unauthenticated");
    expect(checkGate("staff", crewA)).toBe("forbidden");
    expect(checkGate("staff", managerB)).toBe("allow");
    expect(checkGate("admin", managerA)).toBe("forbidden");
    expect(checkGate("employees", client)).toBe("forbidden");
    expect(checkGate("staffOrClient", crewA)).toBe("forbidden");
  });
});

describe("a person's own data", () => {
  it("is seen in full by the person, their own team's managers and admins; other managers see availability only", () => {
    expect(personalAccess(crewA, crewA)).toBe("full");
    expect(personalAccess(managerA, crewA)).toBe("full");
    expect(personalAccess(admin, crewA)).toBe("full");
    expect(personalAccess(managerB, crewA)).toBe("availability");
    expect(personalAccess(crewA2, crewA)).toBe("none");
    expect(personalAccess(client, crewA)).toBe("none");
  });
  it("a person without a team shares it with no manager", () => {
    const loner = who("loner", "crew");
    expect(personalAccess(who("m", "manager"), loner)).toBe("availability");
  });
  it("accommodations are written by the person's own team's managers or admins, not by another team's manager", () => {
    expect(mayWriteAccommodation(managerA, crewA)).toBe(true);
    expect(mayWriteAccommodation(admin, crewA)).toBe(true);
    expect(mayWriteAccommodation(managerB, crewA)).toBe(false);
    expect(mayWriteAccommodation(crewA, crewA)).toBe(false);
  });
  it("clients see crew by name only", () => {
    expect(personView(client)).toBe("name");
    expect(personView(managerB)).toBe("colleague");
    expect(personView(crewA)).toBe("colleague");
  });
});

describe("assigning someone unwell today (issue 10)", () => {
  it("needs an override only when unwell, and only of those who may see the condition", () => {
    expect(assignmentNeedsOverride(managerA, crewA, "unwell")).toBe(true);
    expect(assignmentNeedsOverride(admin, crewA, "unwell")).toBe(true);
    expect(assignmentNeedsOverride(managerA, crewA, "tired")).toBe(false);
    expect(assignmentNeedsOverride(managerA, crewA, null)).toBe(false);
    // another team's manager may not know: a refusal would tell them
    expect(assignmentNeedsOverride(managerB, crewA, "unwell")).toBe(false);
  });
});

describe("work", () => {
  it("staff see all work, clients their company's, crew their own tasks", () => {
    expect(workOrderScope(managerB)).toEqual({ kind: "all" });
    expect(workOrderScope(client)).toEqual({ kind: "company", clientCompanyId: COMPANY });
    expect(workOrderScope(who("c", "client"))).toEqual({ kind: "none" });
    expect(taskScope(crewA)).toEqual({ kind: "assignee", userId: "crewA" });
  });
  it("crew change the status and the blocked reason of their own task, never to done", () => {
    expect(mayEditTask(crewA, { fields: ["version", "status"], status: "review" })).toEqual({ ok: true });
    expect(mayEditTask(crewA, { fields: ["version", "status"], status: "done" })).toEqual({
      ok: false,
      fields: ["status"],
    });
    expect(mayEditTask(crewA, { fields: ["version", "title"] })).toEqual({ ok: false, fields: ["title"] });
    expect(mayEditTask(managerB, { fields: ["title", "assigneeId"] })).toEqual({ ok: true });
  });
  it("a client edits their order's details while it waits to be accepted", () => {
    expect(mayEditOrder(client, { status: "requested" }, ["title", "version"])).toEqual({ ok: true });
    expect(mayEditOrder(client, { status: "accepted" }, ["title"])).toEqual({ ok: false, reason: "status" });
    expect(mayEditOrder(client, { status: "requested" }, ["status"])).toEqual({
      ok: false,
      reason: "fields",
      fields: ["status"],
    });
  });
});

describe("rooms", () => {
  const facts = (answers: Partial<Record<keyof RoomFacts, boolean>>): RoomFacts => ({
    hasTaskIn: async () => answers.hasTaskIn ?? false,
    isChatMember: async () => answers.isChatMember ?? false,
    chatRoomExists: async () => answers.chatRoomExists ?? false,
  });
  const ORDER = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

  it("home rooms follow the role", () => {
    // a manager also hears their own team's check-ins (issue 12), in a room the crew never join
    expect(homeRooms(managerA)).toEqual([
      rooms.user("managerA"),
      rooms.board(),
      rooms.team(TEAM_A),
      rooms.teamManagers(TEAM_A),
    ]);
    expect(homeRooms(client)).toEqual([rooms.user("client"), rooms.company(COMPANY)]);
    expect(homeRooms(crewA)).toEqual([rooms.user("crewA"), rooms.team(TEAM_A)]);
  });
  it("a live client joins the rooms it follows on connect, but the home rooms it knows a sequence of", () => {
    const following = [rooms.user("crewA"), rooms.team(TEAM_A), rooms.workOrder(ORDER), rooms.chat(ORDER)];
    // first connection: nothing known, every room joined
    expect(roomsToJoinOnConnect(crewA, following, () => false)).toEqual(following);
    // coming back: the server put it in its home rooms again; an order's or a chat's room is joined
    expect(roomsToJoinOnConnect(crewA, following, () => true)).toEqual([rooms.workOrder(ORDER), rooms.chat(ORDER)]);
    // only home rooms are ever skipped: the board is not one of a crew member's
    expect(roomsToJoinOnConnect(crewA, [rooms.board()], () => true)).toEqual([rooms.board()]);
  });
  it("an order's room is for staff and the crew with a task in it; clients hear through their company", async () => {
    expect(await mayJoinRoom(crewA, rooms.workOrder(ORDER), facts({ hasTaskIn: true }))).toBe(true);
    expect(await mayJoinRoom(crewA, rooms.workOrder(ORDER), facts({}))).toBe(false);
    expect(await mayJoinRoom(client, rooms.workOrder(ORDER), facts({ hasTaskIn: true }))).toBe(false);
    expect(await mayJoinRoom(managerB, rooms.workOrder(ORDER), facts({}))).toBe(true);
  });
  it("refuses what is not a room name, another person's room and another company's room", async () => {
    expect(await mayJoinRoom(admin, "board ", facts({}))).toBe(false);
    expect(await mayJoinRoom(crewA, rooms.user(ORDER), facts({}))).toBe(false);
    expect(await mayJoinRoom(client, rooms.company(ORDER), facts({}))).toBe(false);
    expect(await mayJoinRoom(crewA, rooms.board(), facts({}))).toBe(false);
  });
});

describe("audiences", () => {
  it("a task is heard by the board, the client company and its assignee only", () => {
    expect(audience.task({ workOrderId: "o", assigneeId: "crewA", clientCompanyId: COMPANY })).toEqual([
      rooms.board(),
      rooms.company(COMPANY),
      rooms.user("crewA"),
    ]);
  });
  it("an unreleased deliverable does not reach the client company", () => {
    expect(audience.deliverable({ id: "o", clientCompanyId: COMPANY }, false)).not.toContain(rooms.company(COMPANY));
    expect(audience.deliverable({ id: "o", clientCompanyId: COMPANY }, true)).toContain(rooms.company(COMPANY));
  });
});

// ---- issue 11: follow-ups, praise, notifications -------------------------------------------
import {
  followUpScope,
  followUpView,
  mayHandleFollowUps,
  mayReadNotification,
  mayReadOwnPraise,
  mayReadFollowUpStats,
} from "./follow-through.ts";

describe("follow-ups, praise and notifications", () => {
  const admin = { id: "a", role: "admin", clientCompanyId: null, teamId: null } as const;
  const manager = { id: "m", role: "manager", clientCompanyId: null, teamId: "t" } as const;
  const crew = { id: "c", role: "crew", clientCompanyId: null, teamId: "t" } as const;
  const client = { id: "k", role: "client", clientCompanyId: "co", teamId: null } as const;

  it("staff handle follow-ups and read them whole; a client reads their company's, as told to them; crew none", () => {
    expect([admin, manager, crew, client].map(mayHandleFollowUps)).toEqual([true, true, false, false]);
    expect(followUpScope(manager)).toEqual({ kind: "all" });
    expect(followUpScope(client)).toEqual({ kind: "company", clientCompanyId: "co" });
    expect(followUpScope(crew)).toEqual({ kind: "none" });
    expect(followUpView(admin)).toBe("full");
    expect(followUpView(client)).toBe("client");
    expect([admin, manager, crew, client].map(mayReadFollowUpStats)).toEqual([true, true, false, false]);
  });

  it("crew read the praise of their own work; a notification is its owner's alone", () => {
    expect([admin, manager, crew, client].map(mayReadOwnPraise)).toEqual([false, false, true, false]);
    expect(mayReadNotification(crew, { userId: "c" })).toBe(true);
    expect(mayReadNotification(admin, { userId: "c" })).toBe(false);
  });
});

describe("work profiles (issue 10)", () => {
  it("staff of any team read and edit them, the person reads their own, other crew and clients never", () => {
    expect(mayReadWorkProfile(managerB, crewA)).toBe(true);
    expect(mayReadWorkProfile(admin, crewA)).toBe(true);
    expect(mayReadWorkProfile(crewA, crewA)).toBe(true);
    expect(mayReadWorkProfile(crewA2, crewA)).toBe(false);
    expect(mayReadWorkProfile(client, crewA)).toBe(false);
    expect(mayEditWorkProfile(managerB)).toBe(true);
    expect(mayEditWorkProfile(crewA)).toBe(false);
    expect(mayEditWorkProfile(client)).toBe(false);
  });
});

describe("urgent offers (issue 10)", () => {
  it("staff of any team offer and see every offer whole; only a crew member asked answers, and sees only their own", () => {
    for (const staff of [admin, managerA, managerB]) {
      expect(mayOfferUrgently(staff)).toBe(true);
      expect(urgentOfferScope(staff)).toEqual({ kind: "all" });
      expect(seesEveryOfferAnswer(staff)).toBe(true);
      expect(mayAnswerOffer(staff, [staff.id])).toBe(false);
    }
    expect(mayOfferUrgently(crewA)).toBe(false);
    expect(urgentOfferScope(crewA)).toEqual({ kind: "assignee", userId: crewA.id });
    expect(seesEveryOfferAnswer(crewA)).toBe(false);
    expect(mayAnswerOffer(crewA, [crewA.id, crewA2.id])).toBe(true);
    expect(mayAnswerOffer(crewA2, [crewA.id])).toBe(false);
    expect(mayOfferUrgently(client)).toBe(false);
    expect(urgentOfferScope(client)).toEqual({ kind: "none" });
    expect(mayAnswerOffer(client, [client.id])).toBe(false);
  });

  it("the board hears the staff view; each person asked hears their own in their own room", () => {
    expect(audience.urgentOfferStaff()).toEqual([rooms.board()]);
    expect(audience.urgentOfferRecipient(crewA.id)).toEqual([rooms.user(crewA.id)]);
  });
});
