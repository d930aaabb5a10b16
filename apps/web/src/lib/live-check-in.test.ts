// Issue 12: check_in:updated into the crew overview's cached check-ins (lib/live.ts applyCheckIn).
import { describe, expect, it, vi } from "vitest";
import type { CheckInLive } from "@crewboard/contracts";
import { companyDay } from "@crewboard/domain";
import { applyLiveEvent } from "./live.ts";
import { queryKeys } from "./query-keys.ts";
import type { CheckIn } from "./api.ts";
import { CREW3, envelope } from "../test/fixtures.ts";
import { testQueryClient } from "../test/query-client.ts";

const today = companyDay();
const person = { id: "crew-2", name: "渡辺 さくら", displayName: "渡辺", role: "crew" as const };
const live = (over: Partial<CheckInLive> = {}): CheckInLive => ({
  id: "ci-2",
  user: person,
  teamId: "team-a",
  day: today,
  updatedAt: "2026-11-30T00:30:00.000Z",
  ...over,
});
const saved = (over: Partial<CheckIn> = {}): CheckIn => ({
  id: "ci-2",
  user: person,
  day: today,
  condition: "tired",
  note: "少し眠いです",
  noteShared: true,
  place: "home",
  createdAt: "2026-11-30T00:10:00.000Z",
  updatedAt: "2026-11-30T00:10:00.000Z",
  ...over,
});

describe("check_in:updated → the crew overview's check-ins", () => {
  // The event carries no health data: the overview reads the check-ins again over REST (audited).
  it("a first check-in of the day: today's list is read again", () => {
    const client = testQueryClient();
    const refetch = vi.spyOn(client, "invalidateQueries");
    client.setQueryData(queryKeys.checkIns({}), { items: [] as CheckIn[] });
    applyLiveEvent(client, envelope("check_in:updated", live()), { userId: CREW3 });
    expect(refetch).toHaveBeenCalledWith({ queryKey: queryKeys.checkIns({}), exact: true });
  });

  it("a changed one: read again; nothing of the event is put into the cache", () => {
    const client = testQueryClient();
    const refetch = vi.spyOn(client, "invalidateQueries");
    client.setQueryData(queryKeys.checkIns({}), { items: [saved()] });
    applyLiveEvent(client, envelope("check_in:updated", live({ updatedAt: "2026-11-30T01:00:00.000Z" })), {
      userId: CREW3,
    });
    expect(refetch).toHaveBeenCalledWith({ queryKey: queryKeys.checkIns({}), exact: true });
    expect(client.getQueryData<{ items: CheckIn[] }>(queryKeys.checkIns({}))!.items).toEqual([saved()]);
  });

  it("leaves other days' lists, another person's page and newer copies alone (a replayed event)", () => {
    const client = testQueryClient();
    const refetch = vi.spyOn(client, "invalidateQueries");
    client.setQueryData(queryKeys.checkIns({ day: "2026-01-05" }), { items: [] as CheckIn[] });
    client.setQueryData(queryKeys.checkIns({ userId: "someone-else" }), { items: [] as CheckIn[] });
    client.setQueryData(queryKeys.checkIns({}), { items: [saved({ updatedAt: "2026-11-30T02:00:00.000Z" })] });
    applyLiveEvent(client, envelope("check_in:updated", live()), { userId: CREW3 });
    expect(refetch).not.toHaveBeenCalled();
  });
});
