import { describe, expect, it } from "vitest";
import type { CheckIn, Presence } from "../../lib/api.ts";
import { task } from "../../test/fixtures.ts";
import { crewRows, sortCrewRows } from "./crew-model.ts";

const person = (id: string, name: string) => ({ id, name });
const checkIn = (userId: string, condition: CheckIn["condition"]): CheckIn => ({
  id: `ci-${userId}`,
  user: { id: userId, name: userId, displayName: userId, role: "crew" },
  day: "2026-11-24",
  condition,
  note: "",
  place: "home",
  createdAt: "2026-11-24T00:10:00.000Z",
  updatedAt: "2026-11-24T00:10:00.000Z",
});

describe("crew overview rows", () => {
  it("puts unwell first, then not checked in, then tired, okay, good (by name within each)", () => {
    const people = [
      person("c1", "鈴木 翔太"),
      person("c2", "渡辺 さくら"),
      person("c3", "小林 彩香"),
      person("c4", "加藤 健太"),
      person("c6", "山田 亮"),
    ];
    const rows = crewRows(
      people,
      [checkIn("c1", "good"), checkIn("c3", "okay"), checkIn("c4", "unwell"), checkIn("c6", "tired")],
      [],
      new Map(),
    );
    expect(rows.map((r) => r.person.id)).toEqual(["c4", "c2", "c6", "c3", "c1"]);
    expect(rows[1]!.checkIn).toBeUndefined();
  });

  it("counts open and blocked tasks and hours left; place from presence, else the check-in", () => {
    const assignee = { id: "c3", name: "小林 彩香", displayName: "小林 彩香", role: "crew" as const };
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

  it("counts each person's open tasks overdue and due today, and can put those with late work first", () => {
    const now = Date.parse("2026-11-24T10:00:00+09:00");
    const at = (time: string, day = "2026-11-24") => new Date(`${day}T${time}:00+09:00`).toISOString();
    const of = (id: string) => ({ id, name: id, displayName: id, role: "crew" as const });
    const tasks = [
      task({ id: "1", assignee: of("c1"), status: "doing", dueAt: at("17:00") }), // c1: due today
      task({ id: "2", assignee: of("c2"), status: "blocked", dueAt: at("17:00", "2026-11-23") }), // c2: overdue
      task({ id: "3", assignee: of("c2"), status: "todo", dueAt: at("15:00") }), // c2: due today
      task({ id: "4", assignee: of("c4"), status: "done", dueAt: at("09:00") }), // done: not late
      task({ id: "5", assignee: of("c4"), status: "todo", dueAt: at("09:00", "2026-11-25") }), // tomorrow
    ];
    const people = [
      person("c1", "鈴木 翔太"),
      person("c2", "渡辺 さくら"),
      person("c3", "小林 彩香"),
      person("c4", "加藤 健太"),
    ];
    const checkIns = [checkIn("c1", "good"), checkIn("c2", "good"), checkIn("c3", "okay"), checkIn("c4", "unwell")];
    const rows = crewRows(people, checkIns, tasks, new Map(), new Intl.Collator("ja-JP"), now);
    const counts = Object.fromEntries(rows.map((r) => [r.person.id, [r.overdue, r.dueToday]]));
    expect(counts).toEqual({ c1: [0, 1], c2: [1, 1], c3: [0, 0], c4: [0, 0] });
    // by attention: unwell (c4), okay (c3), then the two who are good
    expect(rows.map((r) => r.person.id).slice(0, 2)).toEqual(["c4", "c3"]);
    // by late work: overdue first (c2), then due today (c1); the rest keep the attention order
    expect(sortCrewRows(rows, "due").map((r) => r.person.id)).toEqual(["c2", "c1", "c4", "c3"]);
    expect(sortCrewRows(rows, "attention").map((r) => r.person.id)).toEqual(rows.map((r) => r.person.id));
  });
});
