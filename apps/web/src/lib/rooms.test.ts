import { describe, expect, it } from "vitest";
import { rooms as contractRooms } from "@crewboard/contracts";
import { homeRooms, roomKind, rooms } from "./rooms.ts";

const ID = "0190d6c8-7a4e-7b7a-9c51-2f5e0b7d2a11";

describe("room names", () => {
  it("are the same as the contracts' (copied to keep zod out of the bundle)", () => {
    expect(Object.keys(rooms).sort()).toEqual(Object.keys(contractRooms).sort());
    for (const name of Object.keys(rooms) as (keyof typeof rooms)[]) {
      expect(rooms[name](ID), name).toBe((contractRooms[name] as (id: string) => string)(ID));
    }
  });

  it("tell their kind", () => {
    expect(roomKind("board")).toBe("board");
    expect(roomKind(rooms.workOrder(ID))).toBe("work-order");
    expect(roomKind(rooms.chat(ID))).toBe("chat");
    expect(roomKind("nonsense")).toBeUndefined();
  });

  it("of a user follow the server's rule for the rooms it decides by role", () => {
    expect(homeRooms({ id: ID, role: "manager", clientCompanyId: null, teamId: "t" })).toEqual([rooms.user(ID), "board", rooms.team("t")]);
    expect(homeRooms({ id: ID, role: "client", clientCompanyId: "c", teamId: null })).toEqual([rooms.user(ID), rooms.company("c")]);
    expect(homeRooms({ id: ID, role: "crew", clientCompanyId: null, teamId: "t" })).toEqual([rooms.user(ID), rooms.team("t")]);
  });
});
