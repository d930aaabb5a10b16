// Issue 9 barrier 11 (easy-read Japanese): texts people write get furigana, computed by the server
// with a reading dictionary when the text is saved, stored beside it, and sent in the DTOs.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RubyText } from "@crewboard/contracts";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import type { ApiClient } from "../test/api-client.ts";
import {
  configureReadings,
  loadReadings,
  primeRuby,
  readingsEnabled,
  readingsReady,
  readingsRunning,
  rubyNow,
  stopReadings,
} from "./readings.ts";
import { alignWord, loadTokenizer, segmentsWith, toHiragana, type ReadingTokenizer } from "./segments.ts";

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
/** the reading over one word of the segments, e.g. 伝票 → でんぴょう */
const readingOf = (segments: RubyText, word: string) => segments.find((s) => s.text === word)?.reading;
const spelled = (segments: RubyText) => segments.map((s) => s.text).join("");

// the dictionary takes seconds to load on a busy machine
const LOAD_TIMEOUT = 120_000;

/** The dictionary in this thread, loaded once: what the worker's answers are checked against. */
let local: Promise<ReadingTokenizer> | undefined;
const tokenizerHere = () => (local ??= loadTokenizer());

/** Readings on for the test, as they were after it. */
async function withReadings(
  options: Omit<Parameters<typeof configureReadings>[0], "enabled">,
  test: () => Promise<void>,
) {
  const was = readingsEnabled();
  configureReadings({ enabled: true, ...options });
  try {
    await test();
  } finally {
    configureReadings({ enabled: was });
  }
}

describe("reading a word", () => {
  it("puts the reading over the kanji only, the kana of the word stay as they are", () => {
    expect(alignWord("受け入れ", "うけいれ")).toEqual([
      { text: "受", reading: "う" },
      { text: "け" },
      { text: "入", reading: "い" },
      { text: "れ" },
    ]);
    expect(alignWord("伝票", "でんぴょう")).toEqual([{ text: "伝票", reading: "でんぴょう" }]);
    expect(toHiragana("デンピョウ")).toBe("でんぴょう");
  });

  it(
    "knows the words of the demo's tasks",
    async () => {
      const tokenizer = await tokenizerHere();
      const segments = segmentsWith(tokenizer, "伝票の入力を確認する");
      expect(spelled(segments)).toBe("伝票の入力を確認する");
      expect(readingOf(segments, "伝票")).toBe("でんぴょう");
      expect(readingOf(segments, "入力")).toBe("にゅうりょく");
      expect(readingOf(segments, "確認")).toBe("かくにん");
      expect(segmentsWith(tokenizer, "Tag images")).toEqual([{ text: "Tag images" }]);
    },
    LOAD_TIMEOUT,
  );

  it(
    "a text read again gets its own segments again (cut once by the worker, then remembered by text)",
    async () => {
      const tokenizer = await tokenizerHere();
      await withReadings({}, async () => {
        await loadReadings();
        const texts = ["伝票の入力を確認する", "請求書の発行", "伝票の入力", "Tag images", ""];
        for (let round = 0; round < 2; round++)
          for (const text of texts) expect(rubyNow(text), text).toEqual(segmentsWith(tokenizer, text));
        // a page's texts in one batch: the mapping that follows finds them all
        const page = Array.from({ length: 250 }, (_, i) => `第${i}号の伝票を整理する`);
        await primeRuby(page);
        for (const text of page) expect(rubyNow(text), text).toEqual(segmentsWith(tokenizer, text));
      });
    },
    LOAD_TIMEOUT,
  );

  it(
    "the reading worker ends after the idle period, and starts again on the next need",
    async () => {
      const tokenizer = await tokenizerHere();
      await stopReadings();
      await withReadings({ idleMs: 50 }, async () => {
        expect(readingsRunning()).toBe(false);
        // the first need starts the worker and does not wait for the dictionary: no segments yet
        expect(rubyNow("帳簿の記入")).toBeNull();
        expect(readingsRunning()).toBe(true);
        await loadReadings();
        expect(rubyNow("帳簿の記入")).toEqual(segmentsWith(tokenizer, "帳簿の記入"));
        await vi.waitUntil(() => !readingsRunning(), { timeout: LOAD_TIMEOUT, interval: 20 });
        expect(readingsReady()).toBe(false);

        // a text computed before is still known without the worker; a new one starts it again
        expect(rubyNow("帳簿の記入")).toEqual(segmentsWith(tokenizer, "帳簿の記入"));
        expect(readingsRunning()).toBe(false);
        expect(rubyNow("領収書の確認")).toBeNull();
        expect(readingsRunning()).toBe(true);
        await loadReadings();
        expect(rubyNow("領収書の確認")).toEqual(segmentsWith(tokenizer, "領収書の確認"));
      });
      await stopReadings();
      expect(readingsRunning()).toBe(false);
    },
    LOAD_TIMEOUT,
  );

  it(
    "a dictionary that fails to load is tried again after a growing wait, not on every need",
    async () => {
      await stopReadings();
      vi.useFakeTimers({ toFake: ["Date"] }); // the clock only: the worker's messages and exits still come
      const was = readingsEnabled();
      configureReadings({ enabled: true, dictionaryPath: "/nonexistent/kuromoji-dict" });
      let n = 0;
      /** a text no earlier test had cut (those are remembered, and need no worker) */
      const newText = () => `第${++n}回の棚卸し`;
      const failOnce = async () => {
        expect(rubyNow(newText())).toBeNull();
        expect(readingsRunning()).toBe(true);
        await expect(loadReadings()).rejects.toThrow();
        await vi.waitUntil(() => !readingsRunning(), { timeout: LOAD_TIMEOUT, interval: 20 });
      };
      try {
        await failOnce();
        // within the wait every need goes without furigana, and starts nothing
        vi.setSystemTime(Date.now() + 29_000);
        expect(rubyNow(newText())).toBeNull();
        await primeRuby([newText()]);
        expect(readingsRunning()).toBe(false);
        await expect(loadReadings()).rejects.toThrow(/failed to load; tried again after/);
        // after 30 s it is tried again; the second failure waits twice as long
        vi.setSystemTime(Date.now() + 1_000);
        await failOnce();
        vi.setSystemTime(Date.now() + 59_000);
        expect(rubyNow(newText())).toBeNull();
        expect(readingsRunning()).toBe(false);
        vi.setSystemTime(Date.now() + 1_000);
        await failOnce();
      } finally {
        vi.useRealTimers();
        configureReadings({ enabled: was });
        await stopReadings();
      }
    },
    LOAD_TIMEOUT,
  );

  it(
    "while its start is deferred (clients connecting in a burst) no worker starts; a need meanwhile starts it when the deferral ends, none without one",
    async () => {
      const tokenizer = await tokenizerHere();
      await stopReadings();
      let deferredUntil = Date.now() + 100;
      const startDeferral = () => Math.max(0, deferredUntil - Date.now());
      await withReadings({ startDeferral }, async () => {
        // no need while deferred: nothing starts after it either
        await new Promise((r) => setTimeout(r, 400));
        expect(readingsRunning()).toBe(false);

        deferredUntil = Date.now() + 400;
        const startedAt = Date.now();
        expect(rubyNow("在庫表の更新")).toBeNull();
        await primeRuby(["発注書の控え"]);
        expect(readingsRunning()).toBe(false);
        await expect(loadReadings()).rejects.toThrow(/start is deferred/);
        // the burst goes on: the deferral is asked again when it was to end
        await new Promise((r) => setTimeout(r, 200));
        deferredUntil = Date.now() + 400;
        // the worker starts by itself when the deferral ends, and is used as before
        await vi.waitUntil(() => readingsRunning(), { timeout: 10_000, interval: 20 });
        expect(Date.now() - startedAt).toBeGreaterThanOrEqual(590);
        await loadReadings();
        expect(rubyNow("在庫表の更新")).toEqual(segmentsWith(tokenizer, "在庫表の更新"));
      });
      await stopReadings();
    },
    LOAD_TIMEOUT,
  );

  it(
    "a deferral that goes on (connections in bursts all the time) keeps the worker away for a minute at most",
    async () => {
      await stopReadings();
      vi.useFakeTimers({ toFake: ["Date"] }); // the clock only: the worker's messages and exits still come
      try {
        await withReadings({ startDeferral: () => 1000 }, async () => {
          expect(rubyNow("棚卸表の確認")).toBeNull();
          vi.setSystemTime(Date.now() + 59_000);
          expect(rubyNow("棚卸表の確認")).toBeNull();
          expect(readingsRunning()).toBe(false);
          vi.setSystemTime(Date.now() + 1_000);
          expect(rubyNow("棚卸表の確認")).toBeNull(); // started now, not loaded yet
          expect(readingsRunning()).toBe(true);
        });
      } finally {
        vi.useRealTimers();
        await stopReadings();
      }
    },
    LOAD_TIMEOUT,
  );

  it("readings off: nothing is computed and no worker starts", async () => {
    await stopReadings();
    configureReadings({ enabled: false });
    expect(rubyNow("伝票の入力")).toBeNull();
    await primeRuby(["伝票の入力"]);
    expect(readingsRunning()).toBe(false);
  });
});

describeEachDatabase("furigana of task and order texts, computed when saved", (kind) => {
  let t: TestApp;
  let manager1: ApiClient, client: ApiClient;

  beforeAll(async () => {
    [t] = await Promise.all([startTestApp(kind, { furigana: true }), loadReadings()]);
    [manager1, client] = await Promise.all([t.as("manager1"), t.as("client-a1")]);
  }, LOAD_TIMEOUT);
  afterAll(async () => {
    await t?.close();
    await stopReadings();
  });

  it("saving a task title and its criteria stores their readings, and the DTO carries them", async () => {
    const order = await client.post("/work-orders", {
      title: "請求書の整理",
      description: "領収書を月ごとに分けてください。",
      dueAt: inDays(3),
    });
    expect(order.status).toBe(201);
    expect(readingOf(order.body.ruby.title, "請求")).toBe("せいきゅう");
    const stored = await t.db.prisma.workOrder.findUniqueOrThrow({ where: { id: order.body.id } });
    expect(spelled((stored.ruby as { description: RubyText }).description)).toBe("領収書を月ごとに分けてください。");
    expect((await manager1.patch(`/work-orders/${order.body.id}`, { status: "accepted", version: 1 })).status).toBe(
      200,
    );

    const split = await manager1.post(`/work-orders/${order.body.id}/tasks`, {
      tasks: [{ title: "伝票の入力", acceptanceCriteria: "金額が合っていることを確認する" }],
    });
    expect(split.status).toBe(201);
    const task = split.body.items[0];
    const row = await t.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
    const ruby = row.ruby as { title: RubyText; acceptanceCriteria: RubyText };
    expect(readingOf(ruby.title, "伝票")).toBe("でんぴょう");
    expect(readingOf(ruby.title, "入力")).toBe("にゅうりょく");
    expect(readingOf(ruby.acceptanceCriteria, "金額")).toBe("きんがく");
    expect(task.ruby.title).toEqual(ruby.title);
    expect(readingOf(task.ruby.workOrderTitle, "整理")).toBe("せいり");

    // a new title: new readings, stored
    const renamed = await manager1.patch(`/tasks/${task.id}`, { version: task.version, title: "帳簿の記入" });
    expect(renamed.status).toBe(200);
    const after = await t.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
    const title = (after.ruby as { title: RubyText }).title;
    expect(spelled(title)).toBe("帳簿の記入");
    expect(readingOf(title, "帳簿")).toBe("ちょうぼ");
    expect(renamed.body.ruby.title).toEqual(title);
  });

  it("rows saved without readings (before this feature) get them when read", async () => {
    const seeded = await t.db.prisma.task.findFirstOrThrow({ where: { title: { contains: "伝票" } } });
    expect(seeded.ruby).toBeNull(); // the seed writes no readings
    const anyTask = seeded;
    const task = await manager1.get(`/tasks/${anyTask.id}`);
    expect(task.status).toBe(200);
    expect(spelled(task.body.ruby.title)).toBe(task.body.title);
    expect(spelled(task.body.ruby.acceptanceCriteria)).toBe(task.body.acceptanceCriteria);

    // a page of them, asked with its furigana: its texts go to the reading worker in one batch,
    // every row gets its readings
    const page = await manager1.get("/tasks?limit=100&ruby=true");
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeGreaterThan(1);
    for (const item of page.body.items as (typeof task.body)[]) {
      expect(spelled(item.ruby.title), item.title).toBe(item.title);
      expect(spelled(item.ruby.workOrderTitle), item.title).toBe(item.workOrder.title);
    }
    const orders = await manager1.get("/work-orders?limit=100&ruby=true");
    expect(orders.status).toBe(200);
    for (const order of orders.body.items as {
      title: string;
      description: string;
      ruby: { title: RubyText; description: RubyText };
    }[]) {
      expect(spelled(order.ruby.title), order.title).toBe(order.title);
      expect(spelled(order.ruby.description), order.title).toBe(order.description);
    }
  });

  it("lists leave furigana out unless asked (ruby=true); single reads and writes' answers keep it", async () => {
    // issue 14: readings were a third of a board page's bytes, shown only to easy-read readers
    for (const list of ["/tasks?limit=100", "/work-orders?limit=100"]) {
      const [plain, asked, no] = await Promise.all([
        manager1.get(list),
        manager1.get(`${list}&ruby=true`),
        manager1.get(`${list}&ruby=false`),
      ]);
      expect([plain.status, asked.status, no.status], list).toEqual([200, 200, 200]);
      const items = plain.body.items as { id: string; ruby?: unknown }[];
      expect(items.length, list).toBeGreaterThan(1);
      expect(
        items.filter((i) => "ruby" in i),
        list,
      ).toEqual([]);
      expect(no.body.items, list).toEqual(plain.body.items);
      // the same items, each with its readings added: nothing else differs
      const withRuby = asked.body.items as { id: string; ruby?: unknown }[];
      expect(
        withRuby.map((i) => i.id),
        list,
      ).toEqual(items.map((i) => i.id));
      expect(
        withRuby.every((i) => i.ruby !== null && typeof i.ruby === "object"),
        list,
      ).toBe(true);
      expect(
        withRuby.map(({ ruby: _, ...rest }) => rest),
        list,
      ).toEqual(items);
      expect(plain.text.length, list).toBeLessThan(asked.text.length * 0.8);
    }
    // a single read and a write's answer: small, and shared with live events, so they keep it
    const task = (await manager1.get("/tasks?limit=1")).body.items[0] as { id: string; version: number };
    const one = await manager1.get(`/tasks/${task.id}`);
    expect(spelled(one.body.ruby.title)).toBe(one.body.title);
    const saved = await manager1.patch(`/tasks/${task.id}`, { version: one.body.version, title: "伝票の確認" });
    expect(saved.status).toBe(200);
    expect(readingOf(saved.body.ruby.title, "伝票")).toBe("でんぴょう");
  });
});
