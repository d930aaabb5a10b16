import { describe, expect, it } from "vitest";
import type { CheckIn, Presence } from "../../lib/api.ts";
import { task } from "../../test/fixtures.ts";
import { crewRows } from "./crew-model.ts";

const person = (id: string, name: string) => ({ id, name });
const checkIn = (userId: string, condition: CheckIn["condition"]): CheckIn => ({
  id: `ci-${userId}`,
  user: { id: userId, name: userId, role: "crew" },
  day: "2026-11-24",
  condition,
  note: "",
  place: "home",
  createdAt: "2026-11-24T00:10:00.000Z",
  updatedAt: "2026-11-24T00:10:00.000Z",
});

describe("crew overview rows", () => {
  it("puts unwell first, then not checked in, then tired, okay, good (by name within each)", () => {
    const people = [person("c1", "鈴木 翔太"), person("c2", "渡辺 さくら"), person("c3", "小林 彩香"), person("c4", "加藤 健太"), person("c6", "山田 亮")];
    const rows = crewRows(people, [checkIn("c1", "good"), checkIn("c3", "okay"), checkIn("c4", "unwell"), checkIn("c6", "tired")], [], new Map());
    expect(rows.map((r) => r.person.id)).toEqual(["c4", "c2", "c6", "c3", "c1"]);
    expect(rows[1]!.checkIn).toBeUndefined();
  });

  it("counts open and blocked tasks and hours left; place from presence, else the check-in", () => {
    const assignee = { id: "c3", name: "小林 彩香", role: "crew" as const };
    const tasks = [
      task({ id: "1", assignee, status: "blocked", estimateMinutes: 120, progress: 50 }),
      task({ id: "2", assignee, status: "doing", estimateMinutes: 60, progress: 0 }),
      task({ id: "3", assignee, status: "done", estimateMinutes: 600 }),
    ];
    const presence = new Map<string, Presence>([["c3", { user: assignee, status: "online", place: "office" }]]);
    const [row] = crewRows([person("c3", "小林 彩香")], [checkIn("c3", "good")], tasks, presence);
    expect(row!.openTasks.map((t) => t.id)).toEqual(["1", "2"]);
    expect(row!.blockedTasks.map((t) => t.id)).toEqual(["1"]);
    expect(row!.hoursLeft).toBe(2);
    expect(row!.place).toBe("office");
    expect(crewRows([person("c3", "x")], [checkIn("c3", "good")], [], new Map())[0]!.place).toBe("home");
  });
});
