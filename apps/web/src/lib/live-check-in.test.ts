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
  condition: "good",
  place: "office",
  hasNote: false,
  noteShared: true,
  createdAt: "2026-11-30T00:30:00.000Z",
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
  it("adds a first check-in of the day to today's list at once, with no note and no request", () => {
    const client = testQueryClient();
    const refetch = vi.spyOn(client, "invalidateQueries");
    client.setQueryData(queryKeys.checkIns({}), { items: [] as CheckIn[] });
    applyLiveEvent(client, envelope("check_in:updated", live()), { userId: CREW3 });
    const items = client.getQueryData<{ items: CheckIn[] }>(queryKeys.checkIns({}))!.items;
    expect(items).toMatchObject([{ id: "ci-2", condition: "good", place: "office", note: "" }]);
    expect(refetch).not.toHaveBeenCalled();
  });

  it("replaces a changed one; a private note stays empty, a shared one is read again over REST", () => {
    const client = testQueryClient();
    const refetch = vi.spyOn(client, "invalidateQueries");
    client.setQueryData(queryKeys.checkIns({}), { items: [saved()] });
    const later = "2026-11-30T01:00:00.000Z";
    applyLiveEvent(
      client,
      envelope("check_in:updated", live({ condition: "unwell", hasNote: true, noteShared: false, updatedAt: later })),
      { userId: CREW3 },
    );
    expect(client.getQueryData<{ items: CheckIn[] }>(queryKeys.checkIns({}))!.items).toMatchObject([
      { condition: "unwell", note: "", noteShared: false, updatedAt: later },
    ]);
    expect(refetch).not.toHaveBeenCalled();

    const shared = "2026-11-30T01:05:00.000Z";
    applyLiveEvent(
      client,
      envelope("check_in:updated", live({ condition: "okay", hasNote: true, noteShared: true, updatedAt: shared })),
      { userId: CREW3 },
    );
    expect(client.getQueryData<{ items: CheckIn[] }>(queryKeys.checkIns({}))!.items[0]!.condition).toBe("okay");
    expect(refetch).toHaveBeenCalledWith({ queryKey: queryKeys.checkIns({}), exact: true });
  });

  it("leaves other days' lists and newer copies alone (a replayed event)", () => {
    const client = testQueryClient();
    client.setQueryData(queryKeys.checkIns({ day: "2026-01-05" }), { items: [] as CheckIn[] });
    client.setQueryData(queryKeys.checkIns({}), { items: [saved({ updatedAt: "2026-11-30T02:00:00.000Z" })] });
    applyLiveEvent(client, envelope("check_in:updated", live()), { userId: CREW3 });
    expect(client.getQueryData<{ items: CheckIn[] }>(queryKeys.checkIns({ day: "2026-01-05" }))!.items).toEqual([]);
    expect(client.getQueryData<{ items: CheckIn[] }>(queryKeys.checkIns({}))!.items[0]!.condition).toBe("tired");
  });
});
