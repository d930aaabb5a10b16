// Demo data: two client companies, two teams, twelve work orders around "today" in every
// status, their tasks, progress notes, deliverables, feedback, chat, check-ins and a few
// notifications. Deterministic: the same rows every time, only ids and dates (relative to
// `now`, read as Asia/Tokyo) differ. Every id is a UUID v7 minted from its row's createdAt
// (ids.ts), so ids and times never disagree. `npm run db:seed` resets the database and runs it.
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { Condition, Place, Role, TaskStatus, WorkOrderStatus, WorkStyle } from "../generated/prisma/client.ts";
import {
  DEFAULT_WEEKLY_MINUTES,
  DEFAULT_WORKING_DAYS,
  followUpStepDueAt,
  isClient,
  isCrew,
  nextFollowUpDueAt,
  type FollowUpStep,
  type Skill,
} from "@crewboard/domain";
import { hashPassword } from "../passwords.ts";
import { createIdMinter } from "./ids.ts";
import { seedMonthlyReport } from "./monthly-report.ts";

/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = "crewboard-demo";

const DOMAIN = "crewboard.example";

type CompanyKey = "A" | "B";
type TeamKey = "A" | "B";
type CrewKey = "crew1" | "crew2" | "crew3" | "crew4" | "crew5" | "crew6" | "crew7" | "crew8";
type ClientKey = "client-a1" | "client-a2" | "client-b1" | "client-b2";
type UserKey = "admin" | "manager1" | "manager2" | CrewKey | ClientKey;

interface PersonSeed {
  key: UserKey;
  name: string;
  /** issue 12: how clients see the company's people (a family name or a nickname the person chose) */
  displayName?: string;
  role: Role;
  description: string;
  locale?: "ja" | "en";
  team?: TeamKey;
  company?: CompanyKey;
  workStyle?: WorkStyle;
  skills?: string[];
  /** issue 10: the agreed week when it is not the full-time default (40 h, Monday–Friday) */
  weeklyMinutes?: number;
  workingDays?: number[];
  accessibility?: Record<string, string | boolean>;
  /** uses a screen reader (shown with the demo account) */
  screenReader?: boolean;
}

const PEOPLE: readonly PersonSeed[] = [
  {
    key: "admin",
    name: "山本 健一",
    displayName: "山本",
    role: "admin",
    description: "Administrator — users and client companies",
  },
  {
    key: "manager1",
    name: "高橋 真理子",
    displayName: "高橋",
    role: "manager",
    team: "A",
    description: "Manager — team A",
  },
  {
    key: "manager2",
    name: "伊藤 大輔",
    displayName: "伊藤",
    role: "manager",
    team: "B",
    description: "Manager — team B",
  },
  {
    key: "crew1",
    name: "鈴木 翔太",
    displayName: "鈴木",
    role: "crew",
    team: "A",
    workStyle: "office",
    skills: ["data_entry", "scanning"],
    description: "Crew, team A — office",
  },
  {
    key: "crew2",
    name: "渡辺 さくら",
    displayName: "さくら",
    role: "crew",
    team: "A",
    workStyle: "hybrid",
    skills: ["data_entry", "ecommerce", "tagging"],
    weeklyMinutes: 1200,
    description: "Crew, team A — hybrid, short hours (20 h a week)",
  },
  {
    key: "crew3",
    name: "小林 彩香",
    displayName: "小林",
    role: "crew",
    team: "A",
    workStyle: "home",
    skills: ["data_entry", "proofreading", "ecommerce"],
    accessibility: { textSize: "large", highContrast: true },
    screenReader: true,
    description: "Crew, team A — home (screen reader, large text)",
  },
  {
    key: "crew4",
    name: "加藤 健太",
    displayName: "加藤",
    role: "crew",
    team: "A",
    workStyle: "hybrid",
    skills: ["scanning", "tagging", "survey", "data_entry"],
    description: "Crew, team A — hybrid",
  },
  {
    key: "crew5",
    name: "吉田 陽子",
    displayName: "吉田",
    role: "crew",
    team: "B",
    workStyle: "office",
    skills: ["data_entry", "scanning"],
    description: "Crew, team B — office",
  },
  {
    key: "crew6",
    name: "山田 亮",
    displayName: "山田",
    role: "crew",
    team: "B",
    workStyle: "home",
    skills: ["tagging", "ecommerce"],
    weeklyMinutes: 1440,
    workingDays: [1, 3, 5],
    accessibility: { reducedMotion: true, simpleLayout: true },
    description: "Crew, team B — home, Monday, Wednesday and Friday (24 h a week)",
  },
  {
    key: "crew7",
    name: "松本 結衣",
    displayName: "ゆい",
    role: "crew",
    team: "B",
    workStyle: "hybrid",
    skills: ["survey", "data_entry", "tagging"],
    description: "Crew, team B — hybrid",
  },
  {
    key: "crew8",
    name: "井上 拓海",
    displayName: "井上",
    role: "crew",
    team: "B",
    workStyle: "home",
    locale: "en",
    skills: ["proofreading", "survey", "ecommerce"],
    description: "Crew, team B — home (English UI)",
  },
  { key: "client-a1", name: "佐藤 美咲", role: "client", company: "A", description: "Client, company A (Sato)" },
  { key: "client-a2", name: "中村 浩二", role: "client", company: "A", description: "Client, company A (Nakamura)" },
  { key: "client-b1", name: "田中 誠", role: "client", company: "B", description: "Client, company B (Tanaka)" },
  {
    key: "client-b2",
    name: "木村 エミリー",
    role: "client",
    company: "B",
    locale: "en",
    description: "Client, company B (Kimura, English)",
  },
];

const emailOf = (key: UserKey) => `${key}@${DOMAIN}`;

/** What is worth knowing about a demo account besides its role: the web says it in the viewer's language. */
export type DemoTrait = "screenReader" | "largeText" | "highContrast" | "reducedMotion" | "simpleLayout" | "englishUi";

export interface DemoAccount {
  email: string;
  role: Role;
  name: string;
  /** for the operator's console (English); the sign-in page builds its own text from the facts below */
  description: string;
  /** the team's name ("A") */
  team: string | null;
  workStyle: WorkStyle | null;
  /** a client's company as a letter ("A"): the list is public, so no company's name is in it */
  company: string | null;
  traits: DemoTrait[];
}

function traitsOf(p: PersonSeed): DemoTrait[] {
  const traits: DemoTrait[] = [];
  if (p.screenReader) traits.push("screenReader");
  if (p.accessibility?.textSize === "large" || p.accessibility?.textSize === "larger") traits.push("largeText");
  if (p.accessibility?.highContrast) traits.push("highContrast");
  if (p.accessibility?.reducedMotion) traits.push("reducedMotion");
  if (p.accessibility?.simpleLayout) traits.push("simpleLayout");
  if (p.locale === "en") traits.push("englishUi");
  return traits;
}

/** The accounts the login page offers (all use DEMO_PASSWORD). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = Object.freeze(
  PEOPLE.map((p) =>
    Object.freeze({
      email: emailOf(p.key),
      role: p.role,
      name: p.name,
      description: p.description,
      team: p.team ?? null, // a team's name is its letter (TEAMS below)
      workStyle: p.workStyle ?? null,
      company: p.company ?? null,
      traits: traitsOf(p),
    }),
  ),
);

const COMPANIES: Record<CompanyKey, { name: string; nameEn: string }> = {
  A: { name: "株式会社さくら商事", nameEn: "Sakura Trading Co." },
  B: { name: "みなと物流株式会社", nameEn: "Minato Logistics Inc." },
};
const TEAMS: Record<TeamKey, { name: string; manager: UserKey }> = {
  // a team's name is its letter: the UI says "チーム A" / "Team A" in the viewer's language
  A: { name: "A", manager: "manager1" },
  B: { name: "B", manager: "manager2" },
};
/** Which team serves which client company. */
const TEAM_OF_COMPANY: Record<CompanyKey, TeamKey> = { A: "A", B: "B" };

// ---------------------------------------------------------------------------------------------
// Time: [day offset from today, hour, minute] in Asia/Tokyo (UTC+9 all year).
type At = readonly [day: number, hour: number, minute?: number];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const JST_OFFSET = 9 * HOUR;

/** The latest time of day at which something has already happened "today" in the demo data (13:50). */
const LATEST_EVENT_TODAY: At = [0, 13, 50];

function clock(now: Date) {
  const shifted = new Date(now.getTime() + JST_OFFSET);
  const todayUtcMidnight = Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate());
  const todayStart = todayUtcMidnight - JST_OFFSET; // 00:00 JST today
  const wallClock = ([day, hour, minute = 0]: At) => todayStart + day * DAY + hour * HOUR + minute * MINUTE;
  // Seeded before 13:50 in Tokyo (a test run at night, a demo early in the morning), what happened
  // "today" would lie in the future: every event moves back together, keeping its order, so that
  // the latest is a minute ago. Due dates keep their wall-clock times (`due`).
  const back = Math.max(0, wallClock(LATEST_EVENT_TODAY) - (now.getTime() - MINUTE));
  return {
    /** when something happened */
    at: (when: At) => new Date(wallClock(when) - back),
    /** when something is due */
    due: (when: At) => new Date(wallClock(when)),
    /** a @db.Date value: the Tokyo calendar day, as UTC midnight */
    calendarDay: (day: number) => new Date(todayUtcMidnight + day * DAY),
  };
}

// ---------------------------------------------------------------------------------------------
// Urgent offers (issue 10)

interface UrgentOfferContext {
  now: Date;
  idAt: (at: Date) => string;
  userIds: Record<UserKey, string>;
  orderIds: Map<string, string>;
  roomIds: Map<string, string>;
}

/**
 * Three urgent offers, each in a state the demo shows: open until later today (asked: crew1 and
 * crew2 of team A), taken this morning by crew2 (which puts her short-hours week over), and one
 * of team B's that everyone declined yesterday — the client was told within 15 minutes, in the
 * order's chat in both languages (company B reads Japanese and English), long before the order's
 * due time.
 */
async function seedUrgentOffers(tx: Prisma.TransactionClient, c: UrgentOfferContext) {
  const { now, idAt, userIds } = c;
  const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE);
  const task = async (
    orderKey: string,
    t: { title: string; skills: Skill[]; estimate: number; assignee?: UserKey; createdAt: Date },
  ) => {
    const workOrderId = c.orderIds.get(orderKey);
    if (!workOrderId) throw new Error(`seed: no order ${orderKey}`);
    return tx.task.create({
      data: {
        id: idAt(t.createdAt),
        workOrderId,
        title: t.title,
        requiredSkills: t.skills,
        estimateMinutes: t.estimate,
        assigneeId: t.assignee ? userIds[t.assignee] : null,
        position: 99,
        version: t.assignee ? 2 : 1,
        createdAt: t.createdAt,
        updatedAt: t.createdAt,
      },
    });
  };
  const audit = (actor: UserKey | null, action: string, entityId: string, createdAt: Date, metadata = {}) =>
    tx.auditEvent.create({
      data: {
        id: idAt(createdAt),
        actorId: actor ? userIds[actor] : null,
        action,
        entityType: "urgent_offer",
        entityId,
        metadata,
        createdAt,
      },
    });

  // 1. open: asked 10 minutes ago, until three hours from now; its deadline is a stored job
  const openAt = ago(10);
  const openTask = await task("expense", {
    title: "【至急】追加の領収書12枚の入力",
    skills: ["data_entry"],
    estimate: 60,
    createdAt: ago(15),
  });
  const open = await tx.urgentOffer.create({
    data: {
      id: idAt(openAt),
      taskId: openTask.id,
      createdById: userIds.manager1,
      deadlineAt: new Date(now.getTime() + 3 * HOUR),
      createdAt: openAt,
      updatedAt: openAt,
      recipients: { create: [{ userId: userIds.crew1 }, { userId: userIds.crew2 }] },
    },
  });
  await tx.job.create({
    data: {
      id: idAt(openAt),
      kind: "urgent-offer.expire",
      key: `urgent-offer.expire:${open.id}`,
      runAt: open.deadlineAt,
      payload: { offerId: open.id },
      createdAt: openAt,
    },
  });
  await audit("manager1", "urgent_offer.create", open.id, openAt, { taskId: openTask.id });
  await tx.notification.createMany({
    data: (["crew1", "crew2"] as const).map((k) => ({
      id: idAt(openAt),
      userId: userIds[k],
      kind: "urgent_offer.received",
      data: {
        offerId: open.id,
        taskId: openTask.id,
        taskTitle: openTask.title,
        deadlineAt: open.deadlineAt.toISOString(),
      },
      createdAt: openAt,
    })),
  });

  // 2. taken: crew2 said yes first this morning (crew1 had said no; crew4 had not answered)
  const takenAsked = ago(4 * 60);
  const takenAt = ago(4 * 60 - 6);
  const takenTask = await task("customers", {
    title: "【至急】重複候補の目視確認（追加の800件）",
    skills: ["data_entry"],
    estimate: 720,
    assignee: "crew2",
    createdAt: ago(4 * 60 + 5),
  });
  const taken = await tx.urgentOffer.create({
    data: {
      id: idAt(takenAsked),
      taskId: takenTask.id,
      createdById: userIds.manager1,
      deadlineAt: ago(2 * 60),
      status: "taken",
      takenById: userIds.crew2,
      takenAt,
      endedAt: takenAt,
      endReason: "taken",
      version: 3,
      createdAt: takenAsked,
      updatedAt: takenAt,
      recipients: {
        create: [
          { userId: userIds.crew1, response: "declined", respondedAt: ago(4 * 60 - 2) },
          { userId: userIds.crew2, response: "accepted", respondedAt: takenAt },
          { userId: userIds.crew4 },
        ],
      },
    },
  });
  await audit("manager1", "urgent_offer.create", taken.id, takenAsked, { taskId: takenTask.id });
  await audit("crew1", "urgent_offer.decline", taken.id, ago(4 * 60 - 2));
  await audit("crew2", "urgent_offer.accept", taken.id, takenAt, { taskId: takenTask.id });
  const customersRoom = c.roomIds.get("order:customers");
  if (customersRoom)
    await tx.chatMember.upsert({
      where: { roomId_userId: { roomId: customersRoom, userId: userIds.crew2 } },
      create: { roomId: customersRoom, userId: userIds.crew2, joinedAt: takenAt },
      update: {},
    });

  // 3. expired yesterday: everyone asked said no within half an hour; the client was told 15 minutes later
  const askedB = ago(26 * 60);
  const endedB = ago(26 * 60 - 30);
  const toldB = new Date(endedB.getTime() + 15 * MINUTE);
  const taskB = await task("delivery-slips", {
    title: "【至急】再配達分の伝票40枚の入力",
    skills: ["data_entry"],
    estimate: 90,
    createdAt: ago(26 * 60 + 5),
  });
  const expired = await tx.urgentOffer.create({
    data: {
      id: idAt(askedB),
      taskId: taskB.id,
      createdById: userIds.manager2,
      deadlineAt: ago(24 * 60),
      status: "expired",
      endedAt: endedB,
      endReason: "all_declined",
      clientNoticeDueAt: toldB,
      clientToldAt: toldB,
      version: 4,
      createdAt: askedB,
      updatedAt: toldB,
      recipients: {
        create: [
          { userId: userIds.crew5, response: "declined", respondedAt: ago(26 * 60 - 12) },
          { userId: userIds.crew7, response: "declined", respondedAt: endedB },
        ],
      },
    },
  });
  await audit("manager2", "urgent_offer.create", expired.id, askedB, { taskId: taskB.id });
  await audit("crew5", "urgent_offer.decline", expired.id, ago(26 * 60 - 12));
  await audit("crew7", "urgent_offer.decline", expired.id, endedB);
  await audit(null, "urgent_offer.expire", expired.id, endedB, { reason: "all_declined" });
  await audit(null, "urgent_offer.tell_client_auto", expired.id, toldB, { reason: "all_declined" });
  const roomB = c.roomIds.get("order:delivery-slips");
  if (!roomB) throw new Error("seed: no chat room order:delivery-slips");
  await tx.message.create({
    data: {
      id: idAt(toldB),
      roomId: roomB,
      authorId: userIds.manager2,
      body:
        `「${taskB.title}」について、対応できる人がいません。急ぎでお声がけした全員が、ほかの作業で埋まっていました。` +
        "これからの対応：担当マネージャーが別の方法（ほかの人・ほかのチームへの依頼、日程の調整）を探し、このチャットでご連絡します。" +
        "納期の変更が必要な場合は、先にご相談します。\n\n" +
        `Nobody is available for "${taskB.title}": everyone we asked urgently is already committed. ` +
        "What happens next: your manager is looking for another way (another person, another team or a new schedule) " +
        "and will write to you here. If the due date has to move, we will ask you first.",
      createdAt: toldB,
    },
  });
  await tx.notification.createMany({
    data: (["client-b1", "client-b2"] as const).map((k) => ({
      id: idAt(toldB),
      userId: userIds[k],
      kind: "urgent_offer.unstaffed",
      data: { workOrderId: c.orderIds.get("delivery-slips"), taskTitle: taskB.title, reason: "all_declined" },
      createdAt: toldB,
    })),
  });
  return { tasks: 3, messages: 1 };
}

// ---------------------------------------------------------------------------------------------
// Work orders

interface UpdateSeed {
  at: At;
  percent: number;
  minutes: number;
  note: string;
  blocker?: string;
}

interface TaskSeed {
  title: string;
  description?: string;
  acceptanceCriteria?: string;
  assignee: CrewKey;
  estimateMinutes: number;
  /** issue 10: the skills it needs; by default the order's kind of work (requiredSkillsOf) */
  requiredSkills?: string[];
  due?: At;
  status: TaskStatus;
  blockedReason?: string;
  updates?: UpdateSeed[];
}

interface OrderSeed {
  key: string;
  company: CompanyKey;
  createdBy: ClientKey;
  title: string;
  description: string;
  links: string[];
  created: At;
  due: At;
  status: WorkOrderStatus;
  priority?: "normal" | "urgent";
  nominated?: CrewKey;
  nominationNote?: string;
  /** issue 10: the manager's answer to the nomination */
  nominationAnswer?: { answer: "honoured" | "declined"; reason?: string; alternative?: CrewKey; at: At };
  declineReason?: string;
  accepted?: At;
  delivered?: At;
  completed?: At;
  declined?: At;
  tasks?: TaskSeed[];
  deliverables?: { key: string; by: UserKey; at: At; title: string; note: string; url: string }[];
  feedback?: {
    by: ClientKey;
    at: At;
    verdict: "accept" | "request_revision" | "comment";
    rating?: number;
    comment: string;
    deliverable?: string;
  }[];
}

const FILES = "https://files.example";

/** The skills a demo task needs, read from the words of its order and title (issue 10). */
const SKILL_WORDS: readonly [Skill, RegExp][] = [
  ["scanning", /スキャン|scan/i],
  ["proofreading", /校正|照合|proof|cross-check/i],
  ["tagging", /タグ|tag/i],
  ["ecommerce", /EC|商品ページ/],
  ["survey", /アンケート|survey|responses/i],
  ["data_entry", /入力|クレンジング|インデックス|enter|address|merge/i],
];
function requiredSkillsOf(words: string): Skill[] {
  return SKILL_WORDS.filter(([, re]) => re.test(words)).map(([skill]) => skill);
}

const ORDERS: readonly OrderSeed[] = [
  {
    key: "expense",
    company: "A",
    createdBy: "client-a1",
    title: "経費伝票の入力（先月分・120枚）",
    description:
      "添付のスキャンPDF（経費伝票120枚）を、指定のExcelシートに入力してください。\n" +
      "- 項目は日付・勘定科目・金額・摘要の4つです\n" +
      "- 判読できない伝票があれば、チャットでご連絡ください\n" +
      "納品形式：Excel（.xlsx）",
    links: [`${FILES}/sakura/expense-slips-last-month.pdf`, `${FILES}/sakura/expense-entry-template.xlsx`],
    created: [-1, 16, 10],
    accepted: [-1, 16, 40],
    due: [1, 17, 0],
    status: "in_progress",
    nominated: "crew3",
    nominationNote: "前回の伝票入力がとても正確だったので、小林さんにお願いしたいです。",
    nominationAnswer: { answer: "honoured", at: [-1, 16, 40] },
    tasks: [
      {
        title: "伝票 1〜60 の入力",
        description: "PDFの1〜60枚目をテンプレートに入力する。",
        acceptanceCriteria: "60枚すべて入力済みで、金額の合計がPDF末尾の集計表と一致すること。",
        assignee: "crew3",
        estimateMinutes: 360,
        due: [1, 12, 0],
        status: "blocked",
        blockedReason: "伝票14と37が判読できません（金額欄がかすれている）。お客様に再スキャンを依頼中です。",
        updates: [
          {
            at: [0, 9, 40],
            percent: 10,
            minutes: 35,
            note: "作業開始。テンプレートの項目を確認し、1〜6枚目を入力しました。",
          },
          { at: [0, 11, 5], percent: 33, minutes: 45, note: "20/60 入力済み。" },
          {
            at: [0, 13, 30],
            percent: 45,
            minutes: 50,
            note: "27/60 入力済み。伝票14と37が判読できず、チャットでお客様に確認中です。",
            blocker: "伝票14と37が判読できません（金額欄がかすれている）。お客様に再スキャンを依頼中です。",
          },
        ],
      },
      {
        title: "伝票 61〜120 の入力",
        description: "PDFの61〜120枚目をテンプレートに入力する。",
        acceptanceCriteria: "60枚すべて入力済みで、金額の合計がPDF末尾の集計表と一致すること。",
        assignee: "crew1",
        estimateMinutes: 360,
        // due today: the board and the crew overview show it among today's deadlines
        due: [0, 17, 0],
        status: "doing",
        updates: [
          { at: [0, 9, 20], percent: 15, minutes: 40, note: "61〜70枚目を入力しました。" },
          { at: [0, 11, 30], percent: 40, minutes: 80, note: "85枚目まで入力済み。特に問題はありません。" },
          { at: [0, 13, 50], percent: 50, minutes: 45, note: "90枚目まで完了（担当分 30/60）。午後も続けます。" },
        ],
      },
    ],
  },
  {
    key: "customers",
    company: "A",
    createdBy: "client-a2",
    title: "顧客リストのクレンジング（約3,000件）",
    description:
      "展示会で集めた名刺データと既存の顧客リストを統合し、重複の削除と表記の統一をお願いします。\n" +
      "- 会社名の表記ゆれ（株式会社／(株) など）は「株式会社」に統一\n" +
      "- 住所は都道府県から記載\n" +
      "- 重複がある場合は、日付の新しい名刺の情報を残してください",
    links: [`${FILES}/sakura/customer-list.csv`, `${FILES}/sakura/cleansing-rules.pdf`],
    created: [-1, 10, 20],
    accepted: [0, 9, 30],
    due: [5, 17, 0],
    status: "accepted",
    tasks: [
      {
        title: "重複チェックと削除（1〜1,500件）",
        acceptanceCriteria: "重複候補はすべて判定済み。削除した行は別シートに残すこと。",
        assignee: "crew2",
        estimateMinutes: 600,
        due: [3, 17, 0],
        status: "todo",
      },
      {
        title: "住所・会社名の表記統一（1,501〜3,000件）",
        acceptanceCriteria: "ルール表に沿って統一済み。判断に迷ったものは備考欄に記載。",
        assignee: "crew4",
        estimateMinutes: 600,
        due: [3, 17, 0],
        status: "todo",
      },
      {
        title: "最終チェック（抜き取り100件）",
        acceptanceCriteria: "抜き取り100件で誤りゼロ。誤りがあれば該当範囲を全件再確認。",
        assignee: "crew1",
        estimateMinutes: 120,
        due: [5, 12, 0],
        status: "todo",
      },
    ],
  },
  {
    key: "contracts",
    company: "A",
    createdBy: "client-a1",
    title: "契約書のスキャンとインデックス作成（2019〜2021年度・約400件）",
    description:
      "保管箱3箱分の契約書をスキャンしてPDF化し、インデックス（契約日・相手先・契約種別・保管箱番号）を作成してください。\n" +
      "原本は作業後に返却をお願いします。",
    links: [`${FILES}/sakura/contract-index-format.xlsx`],
    created: [-5, 11, 0],
    accepted: [-5, 13, 15],
    delivered: [0, 11, 30],
    due: [0, 17, 0],
    status: "delivered",
    tasks: [
      {
        title: "スキャン（箱1・2）",
        acceptanceCriteria: "1契約1ファイル、300dpi、ファイル名は「箱番号-連番」。",
        assignee: "crew1",
        estimateMinutes: 480,
        due: [-2, 17, 0],
        status: "done",
        updates: [
          { at: [-4, 10, 0], percent: 30, minutes: 120, note: "箱1の途中（約80件）までスキャン済み。" },
          { at: [-3, 15, 0], percent: 70, minutes: 180, note: "箱1完了、箱2の半分まで進みました。" },
          { at: [-2, 11, 30], percent: 100, minutes: 150, note: "箱1・2 すべてスキャン完了。" },
        ],
      },
      {
        title: "スキャン（箱3）",
        acceptanceCriteria: "1契約1ファイル、300dpi、ファイル名は「箱番号-連番」。",
        assignee: "crew4",
        estimateMinutes: 240,
        due: [-2, 17, 0],
        status: "done",
        updates: [
          {
            at: [-3, 10, 30],
            percent: 50,
            minutes: 110,
            note: "箱3の半分をスキャンしました。ホチキス留めが多く、少し時間がかかっています。",
          },
          { at: [-2, 14, 0], percent: 100, minutes: 130, note: "箱3完了。" },
        ],
      },
      {
        title: "インデックス入力と照合",
        acceptanceCriteria: "全ファイルにインデックス行があり、ファイル名と契約日が一致すること。",
        assignee: "crew2",
        estimateMinutes: 420,
        due: [0, 12, 0],
        status: "done",
        updates: [
          { at: [-2, 13, 0], percent: 40, minutes: 160, note: "約160件のインデックスを入力しました。" },
          { at: [-1, 15, 30], percent: 90, minutes: 200, note: "残り40件。ファイル名と契約日の照合中です。" },
          { at: [0, 10, 0], percent: 100, minutes: 60, note: "全件完了。ファイル名とインデックスの照合も済みました。" },
        ],
      },
    ],
    deliverables: [
      {
        key: "contracts-pdf",
        by: "manager1",
        at: [0, 11, 30],
        title: "契約書PDF（412件）",
        note: "PDFは箱番号ごとにフォルダ分けしています。",
        url: `${FILES}/deliverables/sakura-contracts-2019-2021.zip`,
      },
      {
        key: "contracts-index",
        by: "manager1",
        at: [0, 11, 30],
        title: "インデックス一覧（Excel）",
        note: "判読しにくい3件は備考欄に記載しました。",
        url: `${FILES}/deliverables/sakura-contract-index.xlsx`,
      },
    ],
  },
  {
    key: "ec-check",
    company: "A",
    createdBy: "client-a2",
    title: "ECサイト新商品ページの確認（80点）",
    description:
      "秋の新商品80点の商品ページについて、商品名・価格（税込表示）・画像・説明文をチェックシートに沿って確認してください。\n" +
      "公開前のステージング環境のURL一覧を添付します。",
    links: [`${FILES}/sakura/ec-checklist.xlsx`, `${FILES}/sakura/ec-staging-urls.txt`],
    created: [-4, 9, 30],
    accepted: [-4, 10, 0],
    delivered: [-1, 16, 0],
    due: [1, 12, 0],
    status: "revision_requested",
    tasks: [
      {
        title: "商品ページの確認（1〜40）",
        acceptanceCriteria: "チェックシートの全項目を確認し、指摘はスクリーンショット付きで記録。",
        assignee: "crew2",
        estimateMinutes: 300,
        due: [-1, 15, 0],
        status: "done",
        updates: [
          {
            at: [-3, 10, 0],
            percent: 25,
            minutes: 80,
            note: "10点確認。画像の差し替え漏れ1件をチェックシートに記録しました。",
          },
          { at: [-2, 14, 0], percent: 70, minutes: 140, note: "28点まで確認しました。" },
          { at: [-1, 11, 0], percent: 100, minutes: 100, note: "40点すべて確認完了。指摘は5件です。" },
        ],
      },
      {
        title: "商品ページの確認（41〜80）",
        acceptanceCriteria: "チェックシートの全項目を確認し、指摘はスクリーンショット付きで記録。",
        assignee: "crew3",
        estimateMinutes: 300,
        due: [-1, 15, 0],
        status: "done",
        updates: [
          {
            at: [-3, 11, 0],
            percent: 30,
            minutes: 90,
            note: "41〜52 を確認しました。説明文はスクリーンリーダーでも読み上げて確認しています。",
          },
          {
            at: [-1, 14, 30],
            percent: 100,
            minutes: 180,
            note: "80点まで完了。代替テキストが空の画像が4件ありました。",
          },
        ],
      },
    ],
    deliverables: [
      {
        key: "ec-results",
        by: "manager1",
        at: [-1, 16, 0],
        title: "チェック結果（指摘9件）",
        note: "指摘箇所はスクリーンショット付きでシートにまとめています。",
        url: `${FILES}/deliverables/sakura-ec-check-results.xlsx`,
      },
    ],
    feedback: [
      {
        by: "client-a2",
        at: [0, 10, 15],
        verdict: "request_revision",
        comment:
          "ありがとうございます。税込価格の表示漏れが3件（S-1024、S-1031、S-1057）見落とされていました。" +
          "この3点を再確認のうえ、チェックシートの修正をお願いします。",
        deliverable: "ec-results",
      },
    ],
  },
  {
    key: "brochure",
    company: "A",
    createdBy: "client-a1",
    title: "展示会パンフレットの校正（A4・12ページ）",
    description:
      "来月の展示会で配布するパンフレットの校正をお願いします。\n" +
      "誤字脱字、表記ゆれ、数字（価格・日付・電話番号）の確認。赤字はPDFの注釈で入れてください。",
    links: [`${FILES}/sakura/brochure-draft-v3.pdf`, `${FILES}/sakura/style-guide.pdf`],
    created: [-7, 14, 0],
    accepted: [-7, 15, 0],
    delivered: [-3, 16, 30],
    completed: [-2, 10, 0],
    due: [-3, 17, 0],
    status: "completed",
    tasks: [
      {
        title: "本文の校正（p.1〜6）",
        acceptanceCriteria: "誤字脱字・表記ゆれをすべて注釈で指摘。",
        assignee: "crew3",
        estimateMinutes: 240,
        due: [-5, 17, 0],
        status: "done",
        updates: [
          { at: [-6, 10, 0], percent: 50, minutes: 120, note: "p.1〜3 完了。誤字2件、表記ゆれ4件。" },
          { at: [-5, 15, 0], percent: 100, minutes: 130, note: "p.6 まで完了しました。" },
        ],
      },
      {
        title: "本文の校正（p.7〜12）",
        acceptanceCriteria: "誤字脱字・表記ゆれをすべて注釈で指摘。",
        assignee: "crew3",
        estimateMinutes: 240,
        due: [-4, 17, 0],
        status: "done",
        updates: [
          { at: [-4, 10, 0], percent: 50, minutes: 110, note: "p.7〜9 完了。p.9 の電話番号が会社概要と違うようです。" },
          { at: [-4, 15, 30], percent: 100, minutes: 120, note: "p.12 まで完了。指摘は合計17件です。" },
        ],
      },
      {
        title: "数字・固有名詞の照合（全ページ）",
        acceptanceCriteria: "価格・日付・電話番号・商品名を原稿資料と照合済み。",
        assignee: "crew4",
        estimateMinutes: 180,
        due: [-4, 17, 0],
        status: "done",
        updates: [
          { at: [-5, 10, 30], percent: 60, minutes: 100, note: "価格と日付の照合、p.1〜7 まで済みました。" },
          { at: [-4, 11, 0], percent: 100, minutes: 80, note: "全ページ完了。電話番号の誤り1件に注釈を入れました。" },
        ],
      },
    ],
    deliverables: [
      {
        key: "brochure-pdf",
        by: "manager1",
        at: [-3, 16, 30],
        title: "校正済みPDF（注釈入り）",
        note: "指摘は計23件です。特に p.9 の電話番号をご確認ください。",
        url: `${FILES}/deliverables/sakura-brochure-proofread.pdf`,
      },
    ],
    feedback: [
      {
        by: "client-a1",
        at: [-2, 10, 0],
        verdict: "accept",
        rating: 5,
        comment:
          "迅速かつ正確で、とても助かりました。電話番号の誤りに気づいていただけて本当にありがたいです。次回もぜひ小林さんにお願いしたいです。",
        deliverable: "brochure-pdf",
      },
    ],
  },
  {
    key: "seminar",
    company: "A",
    createdBy: "client-a1",
    title: "【至急】セミナー申込書の入力（手書き45枚）",
    description:
      "本日午後のセミナーの受付名簿を作りたいので、手書きの申込書45枚（スキャン済み）の入力をお願いします。\n" +
      "氏名・会社名・メールアドレスの3項目だけで結構です。",
    links: [`${FILES}/sakura/seminar-applications.pdf`],
    created: [0, 9, 50],
    due: [0, 15, 0],
    status: "requested",
    priority: "urgent",
  },
  {
    key: "staff-survey",
    company: "A",
    createdBy: "client-a2",
    title: "社内アンケートの集計（回答250件）",
    description:
      "従業員満足度アンケート（紙・250件）の集計をお願いします。\n" +
      "選択式は単純集計とクロス集計（部署×満足度）、自由記述はテキストで入力してください。",
    links: [`${FILES}/sakura/survey-forms.pdf`, `${FILES}/sakura/survey-questions.docx`],
    created: [0, 9, 15],
    due: [7, 17, 0],
    status: "requested",
    nominated: "crew4",
    nominationNote: "前回のアンケート集計がとても見やすかったので、加藤さんにお願いできればと思います。",
  },
  {
    key: "tagging",
    company: "B",
    createdBy: "client-b2",
    title: "Image tagging for warehouse photos (400 images)",
    description:
      "We need the 400 photos from our new Chiba warehouse tagged for the asset database.\n" +
      "- Use the attached tag list (equipment, vehicle, shelving, safety sign, damage)\n" +
      "- One row per image in the sheet\n" +
      "- Flag anything that looks like damage",
    links: [`${FILES}/minato/warehouse-photos.zip`, `${FILES}/minato/tag-list.xlsx`],
    created: [-2, 10, 0],
    accepted: [-2, 10, 25],
    due: [1, 12, 0],
    status: "in_progress",
    priority: "urgent",
    nominated: "crew7",
    nominationNote: "Matsumoto-san did our last photo batch very carefully.",
    nominationAnswer: {
      answer: "declined",
      reason:
        "Matsumoto is on another urgent job until Friday, so she could not start in time. Yamada has tagged photos for us many times and starts today.",
      alternative: "crew6",
      at: [-2, 10, 25],
    },
    tasks: [
      {
        title: "Tag images 1–200",
        acceptanceCriteria: "Every image has at least one tag from the list; damage is flagged.",
        assignee: "crew6",
        estimateMinutes: 480,
        due: [1, 10, 0],
        status: "doing",
        updates: [
          {
            at: [-1, 10, 0],
            percent: 20,
            minutes: 100,
            note: "Tagged 40 of 200. Some photos are dark; tagging them as best I can.",
          },
          { at: [-1, 15, 0], percent: 45, minutes: 120, note: "90 of 200 done." },
          {
            at: [0, 10, 40],
            percent: 60,
            minutes: 60,
            note: "120 of 200. Forklifts are tagged 'equipment' now, as agreed in chat.",
          },
        ],
      },
      {
        title: "Tag images 201–400",
        acceptanceCriteria: "Every image has at least one tag from the list; damage is flagged.",
        assignee: "crew8",
        estimateMinutes: 480,
        due: [1, 10, 0],
        status: "review",
        updates: [
          { at: [-1, 9, 30], percent: 30, minutes: 120, note: "60 of 200 tagged." },
          {
            at: [-1, 14, 0],
            percent: 75,
            minutes: 150,
            note: "150 of 200. Found 6 images of damaged pallets and flagged them.",
          },
          { at: [0, 11, 0], percent: 100, minutes: 110, note: "All 200 tagged and self-checked. Ready for review." },
        ],
      },
      {
        title: "Cross-check the damage flags",
        acceptanceCriteria: "Each flagged image is checked by a second person before delivery.",
        assignee: "crew5",
        estimateMinutes: 120,
        due: [1, 12, 0],
        status: "todo",
      },
    ],
  },
  {
    key: "delivery-slips",
    company: "B",
    createdBy: "client-b1",
    title: "配送伝票の入力（先週分・300枚）",
    description:
      "先週分の配送伝票（スキャン済み300枚）を、配送管理システム取込用のCSVに入力してください。\n" +
      "項目は伝票番号・届け先郵便番号・個数・重量の4つです。",
    links: [`${FILES}/minato/delivery-slips-last-week.pdf`, `${FILES}/minato/import-format.csv`],
    created: [-1, 9, 0],
    accepted: [-1, 9, 20],
    due: [1, 17, 0],
    status: "in_progress",
    nominated: "crew5",
    nominationNote: "前回の入力ミスがゼロだったので、吉田さんにお願いしたいです。",
    tasks: [
      {
        title: "伝票 1〜150 の入力",
        acceptanceCriteria: "150行すべて入力済み、CSVが取込チェックを通ること。",
        assignee: "crew5",
        estimateMinutes: 540,
        // behind: due yesterday evening, 60 % done — what is late shows at the top of the board
        due: [-1, 17, 0],
        status: "doing",
        updates: [
          { at: [-1, 13, 0], percent: 20, minutes: 110, note: "30/150 入力済み。" },
          { at: [-1, 16, 30], percent: 45, minutes: 150, note: "68/150 まで進みました。" },
          {
            at: [0, 11, 30],
            percent: 60,
            minutes: 100,
            note: "90/150。郵便番号が7桁でない伝票が2枚あり、備考に記録しました。",
          },
        ],
      },
      {
        title: "伝票 151〜300 の入力",
        acceptanceCriteria: "150行すべて入力済み、CSVが取込チェックを通ること。",
        assignee: "crew7",
        estimateMinutes: 540,
        due: [1, 12, 0],
        status: "doing",
        updates: [
          { at: [0, 9, 30], percent: 10, minutes: 50, note: "作業開始。151〜165枚目を入力しました。" },
          { at: [0, 11, 45], percent: 25, minutes: 70, note: "188枚目まで入力しました。昼休憩に入ります。" },
        ],
      },
      {
        title: "入力データの照合（抜き取り10%）",
        acceptanceCriteria: "30枚を抜き取り、原本と照合して誤りゼロ。",
        assignee: "crew7",
        estimateMinutes: 120,
        due: [1, 16, 0],
        status: "todo",
      },
    ],
  },
  {
    key: "driver-survey",
    company: "B",
    createdBy: "client-b2",
    title: "Driver satisfaction survey: tabulation (180 responses)",
    description:
      "Please tabulate the paper survey from our drivers (180 responses): totals per question, a cross-table by depot, " +
      "and the free-text comments typed up. Output: Excel, one sheet per question.",
    links: [`${FILES}/minato/driver-survey-scans.pdf`],
    created: [-8, 11, 0],
    accepted: [-8, 11, 30],
    delivered: [-4, 15, 0],
    completed: [-3, 9, 45],
    due: [-4, 17, 0],
    status: "completed",
    tasks: [
      {
        title: "Enter responses 1–90",
        acceptanceCriteria: "90 rows, one per form; blank answers left blank, not zero.",
        assignee: "crew7",
        estimateMinutes: 300,
        due: [-6, 17, 0],
        status: "done",
        updates: [
          { at: [-7, 10, 0], percent: 40, minutes: 120, note: "36 of 90 entered." },
          { at: [-6, 14, 0], percent: 100, minutes: 170, note: "All 90 entered." },
        ],
      },
      {
        title: "Enter responses 91–180",
        acceptanceCriteria: "90 rows, one per form; blank answers left blank, not zero.",
        assignee: "crew8",
        estimateMinutes: 300,
        due: [-6, 17, 0],
        status: "done",
        updates: [
          { at: [-7, 13, 0], percent: 50, minutes: 150, note: "45 of 90 entered." },
          {
            at: [-6, 11, 30],
            percent: 100,
            minutes: 140,
            note: "Done, 90 of 90. Two forms had no depot; marked them 'unknown'.",
          },
        ],
      },
      {
        title: "Tables and comments sheet",
        acceptanceCriteria: "Totals match the number of forms; every free-text comment typed up word for word.",
        assignee: "crew7",
        estimateMinutes: 240,
        due: [-5, 17, 0],
        status: "done",
        updates: [
          { at: [-5, 10, 0], percent: 60, minutes: 140, note: "Cross-table by depot done; typing up the comments." },
          { at: [-5, 16, 0], percent: 100, minutes: 100, note: "142 comments typed up. All sheets checked." },
        ],
      },
    ],
    deliverables: [
      {
        key: "survey-results",
        by: "manager2",
        at: [-4, 15, 0],
        title: "Survey tables and comments (Excel)",
        note: "One sheet per question, plus the cross-table by depot and all comments.",
        url: `${FILES}/deliverables/minato-driver-survey-results.xlsx`,
      },
    ],
    feedback: [
      {
        by: "client-b2",
        at: [-3, 9, 45],
        verdict: "accept",
        rating: 5,
        comment: "Fast and accurate — the cross-table by depot was exactly what we needed. Thank you, team!",
        deliverable: "survey-results",
      },
    ],
  },
  {
    key: "partner-master",
    company: "B",
    createdBy: "client-b1",
    title: "取引先マスタの住所クレンジング（約5,000件・本日中）",
    description: "取引先マスタ約5,000件の住所を郵便番号辞書と照合し、表記を統一してください。本日中に必要です。",
    links: [`${FILES}/minato/partner-master.csv`],
    created: [-1, 13, 50],
    declined: [-1, 14, 10],
    due: [-1, 18, 0],
    status: "declined",
    declineReason:
      "申し訳ありません。本日中に約5,000件を正確に処理できる人員を確保できないため、お受けできません。" +
      "納期を3営業日いただければ対応可能です。",
  },
  {
    key: "greeting-cards",
    company: "B",
    createdBy: "client-b2",
    title: "Mail-merge data for year-end greeting cards (320 addresses)",
    description:
      "Please prepare the address data for our year-end greeting cards: clean the attached list, split names and titles, " +
      "and build a Word mail-merge file. Export 10 sample labels as PDF so we can check the layout.",
    links: [`${FILES}/minato/greeting-card-addresses.xlsx`, `${FILES}/minato/label-template.docx`],
    created: [-3, 14, 0],
    accepted: [-3, 14, 30],
    delivered: [0, 12, 0],
    due: [1, 17, 0],
    status: "delivered",
    tasks: [
      {
        title: "Clean and split the address list",
        acceptanceCriteria: "320 rows; name, title, company and address in separate columns; duplicates listed.",
        assignee: "crew8",
        estimateMinutes: 300,
        due: [-1, 17, 0],
        status: "done",
        updates: [
          { at: [-2, 10, 0], percent: 40, minutes: 120, note: "128 of 320 addresses cleaned; names and titles split." },
          {
            at: [-1, 11, 0],
            percent: 100,
            minutes: 170,
            note: "All 320 done. 4 duplicates removed (listed on the notes sheet).",
          },
        ],
      },
      {
        title: "Build the merge file and sample labels",
        acceptanceCriteria: "Merge file opens with the template; 10 sample labels fit the layout.",
        assignee: "crew6",
        estimateMinutes: 180,
        due: [0, 12, 0],
        status: "done",
        updates: [
          { at: [-1, 14, 0], percent: 50, minutes: 90, note: "Merge fields set up; checking the long company names." },
          { at: [0, 11, 0], percent: 100, minutes: 80, note: "10 sample labels exported to PDF; all fit the layout." },
        ],
      },
    ],
    deliverables: [
      {
        key: "greeting-files",
        by: "manager2",
        at: [0, 12, 0],
        title: "Merge file, cleaned list and 10 sample labels",
        note: "Four duplicates were removed; they are listed on the notes sheet.",
        url: `${FILES}/deliverables/minato-greeting-cards.zip`,
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Chat, check-ins, accommodations, notifications

type RoomKey = `order:${string}` | `team:${TeamKey}` | "direct:crew7-manager2";

const MESSAGES: readonly { room: RoomKey; by: UserKey; at: At; body: string }[] = [
  {
    room: "team:A",
    by: "manager1",
    at: [0, 9, 2],
    body: "おはようございます。今日もよろしくお願いします。体調がすぐれない方は無理をせず、チェックインで教えてください。",
  },
  {
    room: "team:A",
    by: "crew1",
    at: [0, 9, 6],
    body: "おはようございます。今日は出社しています。経費伝票の後半を進めます。",
  },
  {
    room: "order:ec-check",
    by: "manager1",
    at: [0, 10, 18],
    body: "中村様、ご指摘ありがとうございます。3点を本日中に再確認し、修正版をお送りします。",
  },
  {
    room: "order:tagging",
    by: "crew8",
    at: [0, 10, 20],
    body: "Quick question: should forklifts be tagged as 'equipment' or 'vehicle'?",
  },
  {
    room: "order:tagging",
    by: "manager2",
    at: [0, 10, 24],
    body: "Good question — forklifts are 'equipment'; 'vehicle' is only for trucks and vans. I'll add it to the tag guide.",
  },
  {
    room: "order:tagging",
    by: "client-b2",
    at: [0, 10, 31],
    body: "That's right, thanks. Pallet jacks count as 'equipment' too.",
  },
  {
    room: "direct:crew7-manager2",
    by: "crew7",
    at: [0, 11, 50],
    body: "伊藤さん、少しご相談したいことがあります。午後に15分ほどお時間をいただけますか？",
  },
  {
    room: "direct:crew7-manager2",
    by: "manager2",
    at: [0, 11, 53],
    body: "もちろんです。14時からはいかがですか？チャットでも通話でも大丈夫ですよ。",
  },
  { room: "direct:crew7-manager2", by: "crew7", at: [0, 11, 55], body: "14時でお願いします。チャットだと助かります。" },
  {
    room: "order:expense",
    by: "crew3",
    at: [0, 13, 31],
    body: "佐藤様、伝票14と37が判読できません（金額欄がかすれています）。再スキャンしていただくことはできますか？",
  },
  {
    room: "order:expense",
    by: "manager1",
    at: [0, 13, 34],
    body: "小林さん、ご連絡ありがとうございます。その2枚は後回しにして、先に残りを進めてください。佐藤様、お手数ですがよろしくお願いいたします。",
  },
  {
    room: "order:expense",
    by: "client-a1",
    at: [0, 13, 42],
    body: "承知しました。原本を確認して、15時までに再スキャンしたものをお送りします。",
  },
  { room: "order:expense", by: "crew3", at: [0, 13, 44], body: "ありがとうございます。残りの伝票を先に進めます。" },
];

/**
 * Issue 12: four weeks of check-ins before yesterday, on each crew member's working days, so the
 * crew member's page has a history to chart. Deterministic: the condition follows a pattern per
 * person; crew4 had a tired week two weeks ago (and is unwell today, below).
 */
const HISTORY_PATTERNS: Record<CrewKey, readonly Condition[]> = {
  crew1: ["good", "good", "okay", "good", "good"],
  crew2: ["good", "okay", "good", "good", "tired"],
  crew3: ["okay", "good", "okay", "tired", "good"],
  crew4: ["good", "okay", "good", "okay", "good"],
  crew5: ["good", "good", "good", "okay", "good"],
  crew6: ["okay", "okay", "good", "tired", "okay"],
  crew7: ["good", "good", "okay", "good", "okay"],
  crew8: ["good", "okay", "good", "good", "good"],
};
/** Notes by working day counted back from the day before yesterday (0 = that day, 1 = the working day before …). */
const HISTORY_NOTES: Partial<Record<CrewKey, Record<number, string>>> = {
  crew4: {
    0: "午後から少し頭が重いです。",
    3: "家のことで眠れない夜が続いています。",
    5: "少し回復しました。",
    7: "寝不足が続いています。今日は早めに上がります。",
  },
  crew3: { 4: "画面の文字を大きくしたら楽になりました。" },
};

/** `isoWeekdayOf(day)`: the ISO weekday (1 = Monday) of a day counted from today in Tokyo. */
function checkInHistory(isoWeekdayOf: (day: number) => number): CheckInSeed[] {
  const out: CheckInSeed[] = [];
  for (const person of PEOPLE) {
    if (!isCrew(person)) continue;
    const key = person.key as CrewKey;
    const workingDays = person.workingDays ?? DEFAULT_WORKING_DAYS;
    const pattern = HISTORY_PATTERNS[key];
    // the working days from the day before yesterday back to four weeks ago, newest first
    let k = 0;
    for (let day = -2; day >= -28; day--) {
      if (!(workingDays as readonly number[]).includes(isoWeekdayOf(day))) continue;
      let condition = pattern[k % pattern.length]!;
      // crew4: a tired week about two weeks ago, the worst day in the middle
      if (key === "crew4" && k >= 5 && k <= 9) condition = k === 7 ? "unwell" : "tired";
      const place: Place =
        person.workStyle === "hybrid" ? (day % 2 === 0 ? "home" : "office") : (person.workStyle ?? "office");
      const note = HISTORY_NOTES[key]?.[k];
      // crew4 keeps one note as a private diary: nobody but crew4 reads it
      const privateNote = key === "crew4" && k === 3;
      out.push({
        user: key,
        day,
        condition,
        place,
        start: [day, 9, 0],
        end: [day, 17, 0],
        ...(note ? { note } : {}),
        ...(privateNote ? { noteShared: false } : {}),
      });
      k++;
    }
  }
  return out;
}

interface CheckInSeed {
  user: CrewKey;
  day: number;
  condition: Condition;
  place: Place;
  start: At;
  end?: At;
  note?: string;
  /** issue 12: false = a private diary note (the person only) */
  noteShared?: boolean;
}

const CHECK_INS: readonly CheckInSeed[] = [
  // yesterday: everyone, with the end of the day
  { user: "crew1", day: -1, condition: "good", place: "office", start: [-1, 8, 55], end: [-1, 17, 0] },
  { user: "crew2", day: -1, condition: "good", place: "office", start: [-1, 9, 0], end: [-1, 16, 0] },
  {
    user: "crew3",
    day: -1,
    condition: "okay",
    place: "home",
    start: [-1, 9, 5],
    end: [-1, 16, 0],
    note: "目が疲れやすいので、こまめに休憩を取ります。",
  },
  { user: "crew4", day: -1, condition: "okay", place: "office", start: [-1, 9, 10], end: [-1, 15, 30] },
  { user: "crew5", day: -1, condition: "good", place: "office", start: [-1, 8, 45], end: [-1, 17, 0] },
  { user: "crew6", day: -1, condition: "okay", place: "home", start: [-1, 9, 30], end: [-1, 16, 30] },
  { user: "crew7", day: -1, condition: "good", place: "home", start: [-1, 9, 0], end: [-1, 17, 0] },
  { user: "crew8", day: -1, condition: "good", place: "home", start: [-1, 9, 0], end: [-1, 17, 0] },
  // today: crew2 and crew8 have not checked in yet
  { user: "crew1", day: 0, condition: "good", place: "office", start: [0, 8, 52] },
  { user: "crew3", day: 0, condition: "good", place: "home", start: [0, 9, 0] },
  {
    user: "crew4",
    day: 0,
    condition: "unwell",
    place: "home",
    start: [0, 9, 10],
    note: "朝から頭痛があります。午前中は休憩を多めに取ります。",
  },
  { user: "crew5", day: 0, condition: "good", place: "office", start: [0, 8, 45] },
  { user: "crew6", day: 0, condition: "tired", place: "home", start: [0, 9, 20], note: "昨夜あまり眠れませんでした。" },
  { user: "crew7", day: 0, condition: "okay", place: "office", start: [0, 9, 5] },
];

// ---------------------------------------------------------------------------------------------

export interface SeedResult {
  users: number;
  workOrders: number;
  tasks: number;
  messages: number;
}

/**
 * Inserts the demo data into an empty database (run `resetDatabase` first) in one transaction.
 * `now` is "today" (default: the current time); dates are placed around it in Tokyo time.
 */
export async function seedDemoData(prisma: PrismaClient, options: { now?: Date } = {}): Promise<SeedResult> {
  const { at, due, calendarDay } = clock(options.now ?? new Date());
  /** a UUID v7 whose time is the row's createdAt */
  const idAt = createIdMinter();
  // argon2 is slow on purpose: hash once, share the hash.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const longAgo = at([-120, 10, 0]);
  const joined = at([-90, 9, 0]);
  const companyIds: Record<CompanyKey, string> = { A: idAt(longAgo), B: idAt(longAgo) };
  const teamIds: Record<TeamKey, string> = { A: idAt(longAgo), B: idAt(longAgo) };
  const userIds = Object.fromEntries(PEOPLE.map((p) => [p.key, idAt(joined)])) as Record<UserKey, string>;
  const personOf = (key: UserKey) => PEOPLE.find((p) => p.key === key)!;

  return prisma.$transaction(
    async (tx) => {
      // PGlite has a single connection: only `tx` may be used in here.
      await tx.clientCompany.createMany({
        data: (Object.keys(COMPANIES) as CompanyKey[]).map((k) => ({
          id: companyIds[k],
          name: COMPANIES[k].name,
          nameEn: COMPANIES[k].nameEn,
          createdAt: longAgo,
          updatedAt: longAgo,
        })),
      });
      await tx.team.createMany({
        data: (Object.keys(TEAMS) as TeamKey[]).map((k) => ({
          id: teamIds[k],
          name: TEAMS[k].name,
          createdAt: longAgo,
        })),
      });
      await tx.user.createMany({
        data: PEOPLE.map((p) => ({
          id: userIds[p.key],
          email: emailOf(p.key),
          passwordHash,
          name: p.name,
          displayName: p.displayName ?? null,
          role: p.role,
          locale: p.locale ?? "ja",
          workStyle: p.workStyle ?? null,
          accessibility: p.accessibility ?? {},
          skills: p.skills ?? [],
          weeklyMinutes: p.weeklyMinutes ?? DEFAULT_WEEKLY_MINUTES,
          workingDays: p.workingDays ?? [...DEFAULT_WORKING_DAYS],
          clientCompanyId: p.company ? companyIds[p.company] : null,
          teamId: p.team ? teamIds[p.team] : null,
          createdAt: joined,
          updatedAt: joined,
        })),
      });

      // Work orders one by one, so that their numbers (#1, #2, …) follow this list.
      const orderIds = new Map<string, string>();
      const orderNumbers = new Map<string, number>();
      const taskIds = new Map<string, string>(); // `${order}:${index}`
      const deliverableIds = new Map<string, string>();
      const tasks: Prisma.TaskCreateManyInput[] = [];
      const updates: Prisma.ProgressUpdateCreateManyInput[] = [];
      const deliverables: Prisma.DeliverableCreateManyInput[] = [];
      const feedback: Prisma.FeedbackCreateManyInput[] = [];

      for (const o of ORDERS) {
        const events = [
          o.created,
          o.accepted,
          o.delivered,
          o.completed,
          o.declined,
          ...(o.feedback ?? []).map((f) => f.at),
        ];
        const lastChange = new Date(Math.max(...events.filter((e): e is At => !!e).map((e) => at(e).getTime())));
        const order = await tx.workOrder.create({
          data: {
            id: idAt(at(o.created)),
            clientCompanyId: companyIds[o.company],
            createdById: userIds[o.createdBy],
            title: o.title,
            description: o.description,
            links: o.links,
            dueAt: due(o.due),
            priority: o.priority ?? "normal",
            status: o.status,
            nominatedCrewId: o.nominated ? userIds[o.nominated] : null,
            nominationNote: o.nominationNote ?? null,
            nominationAnswer: o.nominationAnswer?.answer ?? null,
            nominationReason: o.nominationAnswer?.reason ?? null,
            nominationAlternativeId: o.nominationAnswer?.alternative ? userIds[o.nominationAnswer.alternative] : null,
            nominationAnsweredAt: o.nominationAnswer ? at(o.nominationAnswer.at) : null,
            declineReason: o.declineReason ?? null,
            version: ORDER_VERSION[o.status],
            acceptedAt: o.accepted ? at(o.accepted) : null,
            deliveredAt: o.delivered ? at(o.delivered) : null,
            completedAt: o.completed ? at(o.completed) : null,
            declinedAt: o.declined ? at(o.declined) : null,
            createdAt: at(o.created),
            updatedAt: lastChange,
          },
          select: { id: true, number: true },
        });
        orderIds.set(o.key, order.id);
        orderNumbers.set(o.key, order.number);

        (o.tasks ?? []).forEach((t, index) => {
          const log = t.updates ?? [];
          const first = log[0];
          const last = log[log.length - 1];
          const createdAt = new Date(at(o.accepted ?? o.created).getTime() + 10 * MINUTE);
          const id = idAt(createdAt);
          taskIds.set(`${o.key}:${index}`, id);
          tasks.push({
            id,
            workOrderId: order.id,
            title: t.title,
            description: t.description ?? "",
            acceptanceCriteria: t.acceptanceCriteria ?? "",
            assigneeId: userIds[t.assignee],
            estimateMinutes: t.estimateMinutes,
            requiredSkills: t.requiredSkills ?? requiredSkillsOf(`${o.title} ${t.title}`),
            dueAt: due(t.due ?? o.due),
            status: t.status,
            blockedReason: t.status === "blocked" ? (t.blockedReason ?? null) : null,
            progress: t.status === "done" ? 100 : (last?.percent ?? 0),
            minutesSpent: log.reduce((sum, u) => sum + u.minutes, 0),
            version: 1 + log.length,
            position: index,
            startedAt: first ? new Date(at(first.at).getTime() - first.minutes * MINUTE) : null,
            completedAt: t.status === "done" && last ? at(last.at) : null,
            createdAt,
            updatedAt: last ? at(last.at) : createdAt,
          });
          for (const u of log) {
            updates.push({
              id: idAt(at(u.at)),
              taskId: id,
              authorId: userIds[t.assignee],
              percent: u.percent,
              note: u.note,
              minutesSpent: u.minutes,
              blocker: u.blocker ?? null,
              createdAt: at(u.at),
            });
          }
        });

        for (const d of o.deliverables ?? []) {
          const id = idAt(at(d.at));
          deliverableIds.set(d.key, id);
          deliverables.push({
            id,
            workOrderId: order.id,
            uploadedById: userIds[d.by],
            title: d.title,
            note: d.note,
            url: d.url,
            createdAt: at(d.at),
            // the client sees what the manager's delivery released (not what came after it)
            releasedAt: o.delivered && at(d.at) <= at(o.delivered) ? at(o.delivered) : null,
          });
        }
        for (const f of o.feedback ?? []) {
          feedback.push({
            id: idAt(at(f.at)),
            workOrderId: order.id,
            deliverableId: f.deliverable ? (deliverableIds.get(f.deliverable) ?? null) : null,
            authorId: userIds[f.by],
            verdict: f.verdict,
            rating: f.rating ?? null,
            comment: f.comment,
            createdAt: at(f.at),
          });
        }
      }
      await tx.task.createMany({ data: tasks });
      await tx.progressUpdate.createMany({ data: updates });
      await tx.deliverable.createMany({ data: deliverables });
      await tx.feedback.createMany({ data: feedback });

      // Chat rooms: one per accepted (or later) order, one per team, one direct.
      const roomIds = new Map<RoomKey, string>();
      const rooms: Prisma.ChatRoomCreateManyInput[] = [];
      const members: Prisma.ChatMemberCreateManyInput[] = [];
      const addRoom = (
        key: RoomKey,
        room: Omit<Prisma.ChatRoomCreateManyInput, "id">,
        memberKeys: UserKey[],
        joinedAt: Date,
      ) => {
        const id = idAt(joinedAt);
        roomIds.set(key, id);
        rooms.push({ id, ...room, createdAt: joinedAt });
        for (const m of new Set(memberKeys)) members.push({ roomId: id, userId: userIds[m], joinedAt });
      };
      for (const o of ORDERS) {
        if (!o.accepted) continue;
        const team = TEAM_OF_COMPANY[o.company];
        const clients = PEOPLE.filter((p) => isClient(p) && p.company === o.company).map((p) => p.key);
        const crew = (o.tasks ?? []).map((t) => t.assignee);
        addRoom(
          `order:${o.key}`,
          { kind: "work_order", name: o.title, workOrderId: orderIds.get(o.key)! },
          [...clients, TEAMS[team].manager, ...crew],
          at(o.accepted),
        );
      }
      for (const t of Object.keys(TEAMS) as TeamKey[]) {
        const crew = PEOPLE.filter((p) => isCrew(p) && p.team === t).map((p) => p.key);
        // no name: the UI names a team room from its team, in the viewer's language
        addRoom(`team:${t}`, { kind: "team", teamId: teamIds[t] }, [TEAMS[t].manager, ...crew], at([-90, 9, 0]));
      }
      addRoom(
        "direct:crew7-manager2",
        { kind: "direct", directKey: [userIds.crew7, userIds.manager2].sort().join(":") },
        ["crew7", "manager2"],
        at([0, 11, 50]),
      );
      await tx.chatRoom.createMany({ data: rooms });
      await tx.chatMember.createMany({ data: members });

      const messages: Prisma.MessageCreateManyInput[] = MESSAGES.map((m) => {
        const roomId = roomIds.get(m.room);
        if (!roomId) throw new Error(`seed: no chat room ${m.room}`);
        if (!members.some((x) => x.roomId === roomId && x.userId === userIds[m.by])) {
          throw new Error(`seed: ${m.by} is not a member of ${m.room}`);
        }
        return { id: idAt(at(m.at)), roomId, authorId: userIds[m.by], body: m.body, createdAt: at(m.at) };
      });
      await tx.message.createMany({ data: messages });
      // Read markers: whoever wrote in a room has read it to the end; the others have unread messages.
      for (const [roomKey, roomId] of roomIds) {
        const inRoom = MESSAGES.map((m, i) => ({ ...m, id: messages[i]!.id as string })).filter(
          (m) => m.room === roomKey,
        );
        const lastMessage = inRoom[inRoom.length - 1];
        if (!lastMessage) continue;
        const authors = [...new Set(inRoom.map((m) => userIds[m.by]))];
        await tx.chatMember.updateMany({
          where: { roomId, userId: { in: authors } },
          data: { lastReadMessageId: lastMessage.id, lastReadAt: at(lastMessage.at) },
        });
      }

      await tx.checkIn.createMany({
        data: [...checkInHistory((day) => calendarDay(day).getUTCDay() || 7), ...CHECK_INS].map((c) => ({
          id: idAt(at(c.start)),
          userId: userIds[c.user],
          day: calendarDay(c.day),
          condition: c.condition,
          place: c.place,
          note: c.note ?? "",
          noteShared: c.noteShared ?? true,
          startedAt: at(c.start),
          endedAt: c.end ? at(c.end) : null,
          createdAt: at(c.start),
          updatedAt: at(c.end ?? c.start),
        })),
      });
      // Sanity: a check-in's place fits the crew member's work style.
      for (const c of CHECK_INS) {
        const style = personOf(c.user).workStyle;
        if (style !== "hybrid" && style !== c.place)
          throw new Error(`seed: ${c.user} works at ${style}, not ${c.place}`);
      }

      await tx.accommodation.create({
        data: {
          id: idAt(at([-60, 15, 0])),
          userId: userIds.crew3,
          writtenById: userIds.manager1,
          title: "画面読み上げと拡大表示を利用（資料はテキスト形式で）",
          note:
            "スクリーンリーダー（NVDA）と画面拡大を使って作業しています。スキャンしたPDFだけの資料は読み上げられないため、" +
            "テキストやExcel形式で渡すか、割り当て前にOCR処理をしてください。" +
            "連絡はチャットを基本とし、通話は事前に時間を決めてからにします。",
          createdAt: at([-60, 15, 0]),
          updatedAt: at([-14, 11, 0]),
        },
      });

      // Issue 12: crew4 asked for an accommodation herself; manager1 agreed it with her, changed the
      // breaks and the review date two weeks ago (one earlier revision), and the review is three weeks
      // ahead. She shares her communication preference with other managers; the rest stays in team A.
      const crew4Accommodation = await tx.accommodation.create({
        data: {
          id: idAt(at([-40, 10, 0])),
          userId: userIds.crew4,
          writtenById: userIds.crew4,
          title: "通院のある週の勤務時間の調整と、チャットでの連絡",
          requestText:
            "月に2回、火曜の午後に通院があります。その日は午前だけ働き、ほかの日で時間を補いたいです。" +
            "体調の波があるので、急な通話より、チャットで先に用件を知らせてもらえると助かります。",
          requestedById: userIds.crew4,
          requestedAt: at([-40, 10, 0]),
          hours: "通院のある火曜は 9:00〜13:00。週の合計時間は水・木で補う",
          breaks: "1 時間ごとに 5〜10 分",
          communication: "通話よりチャットを希望。急ぎの通話は、先にチャットで一言送ってから",
          consult: "高橋 真理子（チーム A マネージャー）。伝えにくいことは管理者の山本 健一にも",
          tools: "オフィスの日はノイズキャンセリングヘッドホン",
          reviewOn: calendarDay(21),
          agreedById: userIds.manager1,
          agreedAt: at([-35, 15, 0]),
          sharedParts: ["communication"],
          version: 2,
          createdAt: at([-40, 10, 0]),
          updatedAt: at([-14, 11, 0]),
        },
      });
      await tx.accommodationRevision.create({
        data: {
          id: idAt(at([-14, 11, 0])),
          accommodationId: crew4Accommodation.id,
          version: 1,
          changedById: userIds.manager1,
          changedAt: at([-14, 11, 0]),
          changedFields: ["breaks", "reviewOn"],
          title: crew4Accommodation.title,
          requestText: crew4Accommodation.requestText,
          hours: crew4Accommodation.hours,
          breaks: "2 時間ごとに 10 分",
          communication: crew4Accommodation.communication,
          consult: crew4Accommodation.consult,
          tools: crew4Accommodation.tools,
          reviewOn: calendarDay(7),
          agreedById: userIds.manager1,
          agreedAt: at([-35, 15, 0]),
          sharedParts: ["communication"],
        },
      });

      const order = (key: string) => ({ workOrderId: orderIds.get(key)!, workOrderNumber: orderNumbers.get(key)! });
      const titleOf = (key: string) => ORDERS.find((o) => o.key === key)!.title;
      const notifications: Omit<Prisma.NotificationCreateManyInput, "id">[] = [
        {
          userId: userIds.manager1,
          kind: "work_order.requested",
          data: { ...order("seminar"), title: titleOf("seminar"), priority: "urgent", byUserId: userIds["client-a1"] },
          createdAt: at([0, 9, 50]),
        },
        {
          userId: userIds.manager1,
          kind: "feedback.revision_requested",
          data: { ...order("ec-check"), title: titleOf("ec-check"), byUserId: userIds["client-a2"] },
          readAt: at([0, 10, 17]),
          createdAt: at([0, 10, 15]),
        },
        {
          userId: userIds.manager1,
          kind: "task.blocked",
          data: {
            ...order("expense"),
            taskId: taskIds.get("expense:0")!,
            taskTitle: ORDERS[0]!.tasks![0]!.title,
            reason: ORDERS[0]!.tasks![0]!.blockedReason!,
            byUserId: userIds.crew3,
          },
          createdAt: at([0, 13, 30]),
        },
        {
          userId: userIds["client-b2"],
          kind: "work_order.delivered",
          data: { ...order("greeting-cards"), title: titleOf("greeting-cards") },
          createdAt: at([0, 12, 0]),
        },
        {
          userId: userIds["client-b1"],
          kind: "work_order.declined",
          data: {
            ...order("partner-master"),
            title: titleOf("partner-master"),
            reason: ORDERS.find((o) => o.key === "partner-master")!.declineReason!,
          },
          readAt: at([-1, 14, 30]),
          createdAt: at([-1, 14, 10]),
        },
        {
          userId: userIds.crew3,
          kind: "feedback.praise",
          data: { ...order("brochure"), title: titleOf("brochure"), rating: 5 },
          readAt: at([-2, 10, 30]),
          createdAt: at([-2, 10, 0]),
        },
      ];
      await tx.notification.createMany({ data: notifications.map((n) => ({ id: idAt(n.createdAt as Date), ...n })) });

      await seedFollowThrough(tx, {
        at,
        due,
        idAt,
        userIds,
        order,
        titleOf,
        crew: PEOPLE.filter((x) => isCrew(x)).map((x) => userIds[x.key]),
      });

      // issue 10: urgent offers — open (team A's crew1 and crew2 see it on My Day), taken, and
      // expired with the client told early; the task taken puts crew2 over their agreed hours
      const offered = await seedUrgentOffers(tx, {
        now: options.now ?? new Date(),
        idAt,
        userIds,
        orderIds,
        roomIds,
      });

      // issue 12: last month's report for company A, with its improvement proposal
      const report = await seedMonthlyReport(tx, {
        now: options.now ?? new Date(),
        idAt,
        userIds,
        companyA: companyIds.A,
      });

      return {
        users: PEOPLE.length,
        workOrders: ORDERS.length + report.workOrders,
        tasks: tasks.length + offered.tasks + report.tasks,
        messages: messages.length + offered.messages,
      };
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}

// ---------------------------------------------------------------------------------------------
// Issue 11: follow-through — a follow-up half-way through (Tanaka), a closed one (Kimura), praise,
// an inbox with unread items, and emails in the outbox (one sent, one waiting).

interface FollowThroughContext {
  at: (a: At) => Date;
  due: (a: At) => Date;
  idAt: (d: Date) => string;
  userIds: Record<UserKey, string>;
  order: (key: string) => { workOrderId: string; workOrderNumber: number };
  titleOf: (key: string) => string;
  crew: string[];
}

type StepSeed = { step: FollowUpStep; at: At; by: UserKey | null; note?: string; clientMessage?: string };

async function seedFollowThrough(tx: Prisma.TransactionClient, c: FollowThroughContext): Promise<void> {
  const { at, due, idAt, userIds, order } = c;

  async function followUp(o: {
    order: string;
    by: ClientKey;
    at: At;
    rating: number | null;
    tone: "complaint" | null;
    comment: string;
    owner: UserKey;
    steps: StepSeed[];
  }) {
    const opened = at(o.at);
    const feedbackId = idAt(opened);
    await tx.feedback.create({
      data: {
        id: feedbackId,
        workOrderId: order(o.order).workOrderId,
        authorId: userIds[o.by],
        verdict: "comment",
        rating: o.rating,
        tone: o.tone,
        comment: o.comment,
        createdAt: opened,
      },
    });
    const last = o.steps[o.steps.length - 1]!;
    const lastAt = at(last.at);
    const closed = last.step === "closed";
    const followUpId = idAt(opened);
    await tx.followUp.create({
      data: {
        id: followUpId,
        feedbackId,
        ownerId: userIds[o.owner],
        status: last.step,
        reason: o.tone === "complaint" ? "complaint" : "rating",
        dueAt: nextFollowUpDueAt(last.step, lastAt),
        closedAt: closed ? lastAt : null,
        createdAt: opened,
        updatedAt: lastAt,
      },
    });
    let previous = opened;
    for (const s of o.steps) {
      const when = at(s.at);
      await tx.followUpStep.create({
        data: {
          id: idAt(when),
          followUpId,
          step: s.step,
          note: s.note ?? "",
          clientMessage: s.clientMessage ?? null,
          authorId: s.by ? userIds[s.by] : null,
          dueAt: s.step === "acknowledged" ? when : followUpStepDueAt(s.step, previous),
          createdAt: when,
        },
      });
      previous = when;
    }
    return { followUpId, dueAt: nextFollowUpDueAt(last.step, lastAt) };
  }

  // Journey 7, half-way: Tanaka's complaint is heard, reported and the crew member's side taken; the correction is next.
  const open = await followUp({
    order: "delivery-slips",
    by: "client-b1",
    at: [-1, 15, 0],
    rating: 2,
    tone: null,
    comment:
      "途中経過のファイルで、日付の形式が伝票と違っていました（和暦と西暦が混ざっています）。誤字もいくつかありました。",
    owner: "manager2",
    steps: [
      { step: "acknowledged", at: [-1, 15, 0], by: null },
      {
        step: "listened",
        at: [-1, 16, 30],
        by: "manager2",
        note: "田中様にお電話。和暦の伝票（令和）を西暦に直す指示が伝わっていなかった。誤字は取引先名の2件。",
      },
      {
        step: "reported",
        at: [-1, 17, 10],
        by: "manager2",
        note: "山本さん（admin）に報告。入力ルールの共有方法を見直す。",
      },
      {
        step: "crew_heard",
        at: [0, 9, 40],
        by: "manager2",
        note: "担当クルーと1対1で話した。ルール表が古い版だった。本人を責める話ではない。",
      },
    ],
  });

  // A complaint handled well and closed within two working days (Kimura, in English).
  const done = await followUp({
    order: "driver-survey",
    by: "client-b2",
    at: [-7, 10, 0],
    rating: null,
    tone: "complaint",
    comment: "The first draft mixed up two depots (Kawasaki and Kanagawa) in the cross-table.",
    owner: "manager2",
    steps: [
      { step: "acknowledged", at: [-7, 10, 0], by: null },
      {
        step: "listened",
        at: [-7, 11, 0],
        by: "manager2",
        note: "Called Ms Kimura: depot codes K1/K2 were read the wrong way round.",
      },
      { step: "reported", at: [-7, 11, 30], by: "manager2", note: "Reported to Yamamoto (admin)." },
      { step: "crew_heard", at: [-7, 14, 0], by: "manager2", note: "The code list in the task had no legend." },
      {
        step: "corrective_action",
        at: [-6, 12, 0],
        by: "manager2",
        note: "Cross-table redone and checked by a second person.",
        clientMessage: "We corrected the cross-table; a second person checked every depot.",
      },
      {
        step: "prevention_note",
        at: [-6, 15, 0],
        by: "manager2",
        note: "コード表には必ず凡例をつけ、集計前に2人で読み合わせます。 / Code lists always come with a legend; two people read them through before tabulating.",
      },
      {
        step: "closed",
        at: [-6, 16, 0],
        by: "manager2",
        note: "Client confirmed.",
        clientMessage:
          "Thank you for telling us. From now on every code list has a legend and is checked by two people.",
      },
    ],
  });

  const ref = (key: string) => ({ workOrderId: order(key).workOrderId, number: order(key).workOrderNumber });
  const notifications: Omit<Prisma.NotificationCreateManyInput, "id">[] = [
    {
      userId: userIds["client-b1"],
      kind: "follow_up.received",
      data: {
        ...ref("delivery-slips"),
        followUpId: open.followUpId,
        ownerName: "伊藤", // to a client: the display name (issue 12)
        dueAt: due([0, 15, 0]).toISOString(),
      },
      readAt: at([-1, 15, 20]),
      createdAt: at([-1, 15, 1]),
    },
    {
      userId: userIds.manager2,
      kind: "follow_up.opened",
      data: { ...ref("delivery-slips"), followUpId: open.followUpId, title: c.titleOf("delivery-slips") },
      readAt: at([-1, 15, 30]),
      createdAt: at([-1, 15, 2]),
    },
    {
      userId: userIds["client-b2"],
      kind: "follow_up.closed",
      data: {
        ...ref("driver-survey"),
        followUpId: done.followUpId,
        clientMessage:
          "Thank you for telling us. From now on every code list has a legend and is checked by two people.",
      },
      readAt: at([-6, 17, 0]),
      createdAt: at([-6, 16, 1]),
    },
    ...c.crew.map((userId, i) => ({
      userId,
      kind: "crew.prevention_note",
      data: {
        note: "コード表には必ず凡例をつけ、集計前に2人で読み合わせます。 / Code lists always come with a legend; two people read them through before tabulating.",
        at: at([-6, 15, 0]).toISOString(),
      },
      createdAt: new Date(at([-6, 15, 0]).getTime() + (10 + i) * 1000),
    })),
    // praise, unread, for the crew of the driver survey
    ...(["crew7", "crew8"] as const).map((k, i) => ({
      userId: userIds[k],
      kind: "feedback.praise",
      data: {
        ...ref("driver-survey"),
        title: c.titleOf("driver-survey"),
        rating: 5,
        comment: "Fast and accurate — the cross-table by depot was exactly what we needed. Thank you, team!",
        fromName: "木村 エミリー",
      },
      createdAt: new Date(at([-3, 9, 45]).getTime() + (10 + i) * 1000),
    })),
    {
      userId: userIds.crew3,
      kind: "message.mention",
      data: {
        roomId: null,
        authorName: "高橋 真理子",
        excerpt: "小林さん、伝票の再スキャンが届いたら教えてください。",
      },
      createdAt: at([0, 13, 40]),
    },
    {
      userId: userIds.crew3,
      kind: "task.due_tomorrow",
      data: {
        ...ref("expense"),
        workOrderNumber: order("expense").workOrderNumber,
        title: "伝票 1〜60 の入力",
        dueAt: due([1, 17, 0]).toISOString(),
      },
      createdAt: at([0, 9, 0]),
    },
  ];
  await tx.notification.createMany({ data: notifications.map((n) => ({ id: idAt(n.createdAt as Date), ...n })) });

  // The outbox: Tanaka's thank-you went out at once; Kimura's delivery notice waits for SMTP.
  const link = "{{crewboardPublicUrl}}";
  await tx.outboxEmail.createMany({
    data: [
      {
        id: idAt(at([-1, 15, 3])),
        userId: userIds["client-b1"],
        to: `client-b1@${DOMAIN}`,
        locale: "ja",
        kind: "follow_up.received",
        subject: "[Crewboard] ご意見への対応についてのお知らせ",
        text: `田中 誠 様\n\nご意見をお寄せいただき、ありがとうございます。\n担当: 伊藤。翌営業日までにご連絡します。\n\nCrewboard で開く: ${link}/follow-ups/${open.followUpId}`,
        html: `<!doctype html><html lang="ja"><body><p>田中 誠 様</p><p>ご意見をお寄せいただき、ありがとうございます。</p><p>担当: 伊藤。翌営業日までにご連絡します。</p><p><a href="${link}/follow-ups/${open.followUpId}">Crewboard で開く</a></p></body></html>`,
        attempts: 1,
        nextAttemptAt: at([-1, 15, 3]),
        sentAt: at([-1, 15, 5]),
        messageId: "<demo-1@crewboard.example>",
        createdAt: at([-1, 15, 3]),
      },
      {
        id: idAt(at([0, 12, 1])),
        userId: userIds["client-b2"],
        to: `client-b2@${DOMAIN}`,
        locale: "en",
        kind: "work_order.delivered",
        subject: "[Crewboard] Your order has been delivered",
        text: `Dear 木村 エミリー,\n\nWe delivered your order #${order("greeting-cards").workOrderNumber} "${c.titleOf("greeting-cards")}".\nPlease check it, then accept it or ask for a revision.\n\nOpen in Crewboard: ${link}/work-orders/${order("greeting-cards").workOrderId}`,
        html: `<!doctype html><html lang="en"><body><p>Dear 木村 エミリー,</p><p>We delivered your order.</p><p><a href="${link}/work-orders/${order("greeting-cards").workOrderId}">Open in Crewboard</a></p></body></html>`,
        nextAttemptAt: at([0, 12, 1]),
        createdAt: at([0, 12, 1]),
      },
    ],
  });
}

/** version = 1 + the status changes an order went through to reach its status. */
const ORDER_VERSION: Record<WorkOrderStatus, number> = {
  requested: 1,
  accepted: 2,
  declined: 2,
  in_progress: 3,
  delivered: 4,
  revision_requested: 5,
  completed: 5,
};

/** Deletes every row of every app table (not the migration history) and restarts the sequences. */
export async function resetDatabase(prisma: PrismaClient): Promise<void> {
  // Models have no @@map, so each table is named like its model.
  const tables = Object.values(Prisma.ModelName).map((name) => `"${name}"`);
  await prisma.$executeRawUnsafe(`TRUNCATE TABLE ${tables.join(", ")} RESTART IDENTITY CASCADE`);
}

/** True when there are no users yet (a fresh database that a demo seed could fill). */
export async function isDatabaseEmpty(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.user.count()) === 0;
}
