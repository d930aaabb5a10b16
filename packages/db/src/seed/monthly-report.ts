// Issue 12: a monthly report for company A (さくら商事) to show off — last month's (Asia/Tokyo)
// completed orders with their tasks, logged time, ratings, a follow-up opened and closed, and the
// managers' 「改善のご提案」. Every row lies inside last month and is older than the rest of the demo
// data (which starts 14 days back), so nothing the other screens and tests read changes; the new
// orders get the next order numbers. The report's figures for that month are hand-computed in
// apps/server/src/modules/reports/reports.test.ts — change both together.
import type { Prisma } from "../generated/prisma/client.ts";
import { addCompanyMonths, companyMonth, companyTime, followUpStepDueAt, type FollowUpStep } from "@crewboard/domain";

type Key = "manager1" | "crew1" | "crew2" | "crew3" | "client-a1" | "client-a2";

export interface MonthlyReportContext {
  now: Date;
  idAt: (at: Date) => string;
  userIds: Record<Key, string>;
  companyA: string;
}

/** [day of last month, hour, minute] in Tokyo time. */
type When = readonly [day: number, hour: number, minute?: number];

interface ReportTaskSeed {
  title: string;
  assignee: "crew1" | "crew2" | "crew3";
  skills: string[];
  estimateMinutes: number;
  /** progress updates: when, percent, minutes */
  log: readonly (readonly [When, number, number, string])[];
}

interface ReportOrderSeed {
  title: string;
  description: string;
  created: When;
  accepted: When;
  due: When;
  delivered: When;
  completed: When;
  tasks: ReportTaskSeed[];
  rating: { by: "client-a1" | "client-a2"; at: When; rating: number; comment: string };
}

export const REPORT_ORDERS: readonly ReportOrderSeed[] = [
  {
    title: "名刺データの入力（300枚）",
    description: "展示会で交換した名刺300枚を、顧客管理用のExcelに入力してください。",
    created: [3, 10, 0],
    accepted: [3, 11, 0],
    due: [8, 17, 0],
    delivered: [7, 15, 0],
    completed: [8, 10, 0],
    tasks: [
      {
        title: "名刺300枚の入力",
        assignee: "crew1",
        skills: ["data_entry"],
        estimateMinutes: 360,
        log: [
          [[4, 12, 0], 35, 120, "105枚入力済み。"],
          [[5, 15, 0], 85, 180, "255枚まで入力。"],
          [[6, 11, 0], 100, 60, "300枚すべて入力しました。"],
        ],
      },
      {
        title: "入力内容の照合",
        assignee: "crew3",
        skills: ["proofreading"],
        estimateMinutes: 90,
        log: [
          [[7, 10, 0], 50, 45, "前半150枚を照合。"],
          [[7, 12, 0], 100, 45, "すべて照合し、2件を修正。"],
        ],
      },
    ],
    rating: { by: "client-a1", at: [8, 10, 0], rating: 5, comment: "早くて正確でした。ありがとうございます。" },
  },
  {
    title: "商品画像のタグ付け（200点）",
    description: "ECサイトの商品画像200点に、色・素材・用途のタグを付けてください。",
    created: [10, 9, 30],
    accepted: [10, 10, 0],
    due: [15, 17, 0],
    delivered: [16, 9, 0],
    completed: [16, 11, 0],
    tasks: [
      {
        title: "商品画像200点のタグ付け",
        assignee: "crew2",
        skills: ["tagging", "ecommerce"],
        estimateMinutes: 300,
        log: [
          [[12, 16, 0], 50, 150, "100点にタグ付け。"],
          [[14, 16, 0], 100, 150, "200点すべて完了。"],
        ],
      },
      {
        title: "タグの表記ゆれチェック",
        assignee: "crew3",
        skills: ["proofreading"],
        estimateMinutes: 60,
        log: [
          [[15, 14, 0], 50, 15, "色名の表記ゆれを確認中。"],
          [[15, 16, 0], 100, 15, "表記を統一しました。"],
        ],
      },
    ],
    rating: { by: "client-a2", at: [16, 11, 0], rating: 3, comment: "納期に1日遅れましたが、内容は問題ありません。" },
  },
  {
    title: "顧客アンケートの集計（150件）",
    description: "紙のアンケート150件を入力し、設問ごとに集計してください。",
    created: [17, 10, 0],
    accepted: [17, 11, 0],
    due: [24, 17, 0],
    delivered: [21, 17, 0],
    completed: [22, 14, 0],
    tasks: [
      {
        title: "アンケート150件の集計",
        assignee: "crew1",
        skills: ["survey"],
        estimateMinutes: 240,
        log: [
          [[18, 15, 0], 50, 120, "75件を集計。"],
          [[19, 15, 0], 100, 120, "150件の集計が完了。"],
        ],
      },
      {
        title: "自由記述欄の入力",
        assignee: "crew3",
        skills: ["data_entry"],
        estimateMinutes: 60,
        log: [
          [[20, 11, 0], 50, 30, "前半を入力。"],
          [[20, 13, 0], 100, 30, "すべて入力しました。"],
        ],
      },
    ],
    rating: {
      by: "client-a1",
      at: [22, 14, 0],
      rating: 2,
      comment: "設問3の集計が、回答の選択肢と合っていませんでした。",
    },
  },
];

export const REPORT_PROPOSAL_BODY =
  "1. 名刺・アンケートなど紙の資料は、スキャンPDFでお送りいただければ、到着を待たずに着手できます。\n" +
  "2. 集計の前に、設問と選択肢の一覧を担当者2名で読み合わせます（設問3の件を受けての再発防止です）。\n" +
  "3. 商品画像のタグは、色・素材の用語集をご用意いただければ、表記ゆれのチェック時間を半分にできます。";

const MINUTE = 60_000;

/** Last month (Tokyo) of `now`, and its wall clock. */
export function reportMonthOf(now: Date): { month: string; at: (w: When) => Date } {
  const month = addCompanyMonths(companyMonth(now), -1);
  return {
    month,
    at: ([day, hour, minute = 0]) => companyTime(`${month}-${String(day).padStart(2, "0")}`, hour, minute),
  };
}

export async function seedMonthlyReport(
  tx: Prisma.TransactionClient,
  c: MonthlyReportContext,
): Promise<{ workOrders: number; tasks: number }> {
  const { month, at } = reportMonthOf(c.now);
  const { idAt, userIds } = c;
  let tasks = 0;
  let followUpFeedback: { id: string; at: Date } | undefined;
  for (const o of REPORT_ORDERS) {
    const order = await tx.workOrder.create({
      data: {
        id: idAt(at(o.created)),
        clientCompanyId: c.companyA,
        createdById: userIds[o.rating.by],
        title: o.title,
        description: o.description,
        dueAt: at(o.due),
        status: "completed",
        version: 5,
        acceptedAt: at(o.accepted),
        deliveredAt: at(o.delivered),
        completedAt: at(o.completed),
        createdAt: at(o.created),
        updatedAt: at(o.completed),
      },
      select: { id: true },
    });
    const crew = new Set<Key>();
    for (const [index, t] of o.tasks.entries()) {
      crew.add(t.assignee);
      const createdAt = new Date(at(o.accepted).getTime() + (10 + index) * MINUTE);
      const first = t.log[0]!;
      const last = t.log[t.log.length - 1]!;
      const task = await tx.task.create({
        data: {
          id: idAt(createdAt),
          workOrderId: order.id,
          title: t.title,
          assigneeId: userIds[t.assignee],
          estimateMinutes: t.estimateMinutes,
          requiredSkills: t.skills,
          dueAt: at(o.due),
          status: "done",
          progress: 100,
          minutesSpent: t.log.reduce((sum, [, , m]) => sum + m, 0),
          version: 2 + t.log.length,
          position: index,
          startedAt: new Date(at(first[0]).getTime() - first[2] * MINUTE),
          completedAt: at(last[0]),
          createdAt,
          updatedAt: at(last[0]),
        },
        select: { id: true },
      });
      tasks++;
      await tx.progressUpdate.createMany({
        data: t.log.map(([when, percent, minutes, note]) => ({
          id: idAt(at(when)),
          taskId: task.id,
          authorId: userIds[t.assignee],
          percent,
          minutesSpent: minutes,
          note,
          createdAt: at(when),
        })),
      });
    }
    const deliverableAt = new Date(at(o.delivered).getTime() - 30 * MINUTE);
    await tx.deliverable.create({
      data: {
        id: idAt(deliverableAt),
        workOrderId: order.id,
        uploadedById: userIds[o.tasks[0]!.assignee],
        title: `${o.title}：納品ファイル`,
        url: `https://files.example/sakura/report-${month}-${REPORT_ORDERS.indexOf(o) + 1}.xlsx`,
        createdAt: deliverableAt,
        releasedAt: at(o.delivered),
      },
    });
    const feedbackId = idAt(at(o.rating.at));
    await tx.feedback.create({
      data: {
        id: feedbackId,
        workOrderId: order.id,
        authorId: userIds[o.rating.by],
        verdict: "accept",
        rating: o.rating.rating,
        comment: o.rating.comment,
        createdAt: at(o.rating.at),
      },
    });
    if (o.rating.rating <= 2) followUpFeedback = { id: feedbackId, at: at(o.rating.at) };
    // the order's chat room, as for every accepted order: its company's clients, the team's manager, its crew
    const roomAt = at(o.accepted);
    const room = await tx.chatRoom.create({
      data: { id: idAt(roomAt), kind: "work_order", name: o.title, workOrderId: order.id, createdAt: roomAt },
      select: { id: true },
    });
    await tx.chatMember.createMany({
      data: (["client-a1", "client-a2", "manager1", ...crew] as Key[]).map((k) => ({
        roomId: room.id,
        userId: userIds[k],
        joinedAt: roomAt,
      })),
    });
  }

  // The rating of 2 opened a follow-up; it went through every step and was closed three days later.
  if (followUpFeedback) {
    const steps: { step: FollowUpStep; at: When; note: string; clientMessage?: string; by: boolean }[] = [
      { step: "acknowledged", at: [22, 14, 0], note: "", by: false },
      { step: "listened", at: [22, 16, 0], note: "佐藤様に電話：設問3の選択肢が途中で変わっていた。", by: true },
      { step: "reported", at: [22, 17, 0], note: "山本さん（管理者）に報告。", by: true },
      { step: "crew_heard", at: [23, 10, 0], note: "選択肢の一覧が古い版のままだった。", by: true },
      {
        step: "corrective_action",
        at: [24, 11, 0],
        note: "設問3を再集計し、2人で確認。",
        clientMessage: "設問3を正しい選択肢で集計し直し、2名で確認いたしました。",
        by: true,
      },
      { step: "prevention_note", at: [24, 15, 0], note: "集計前に設問と選択肢を2人で読み合わせる。", by: true },
      {
        step: "closed",
        at: [25, 10, 0],
        note: "佐藤様にご確認いただいた。",
        clientMessage: "ご指摘ありがとうございました。今後は集計前に設問を2名で確認いたします。",
        by: true,
      },
    ];
    const opened = followUpFeedback.at;
    const closedAt = at(steps[steps.length - 1]!.at);
    const followUpId = idAt(opened);
    await tx.followUp.create({
      data: {
        id: followUpId,
        feedbackId: followUpFeedback.id,
        ownerId: userIds.manager1,
        status: "closed",
        reason: "rating",
        dueAt: null,
        closedAt,
        createdAt: opened,
        updatedAt: closedAt,
      },
    });
    let previous = opened;
    for (const s of steps) {
      const when = at(s.at);
      await tx.followUpStep.create({
        data: {
          id: idAt(when),
          followUpId,
          step: s.step,
          note: s.note,
          clientMessage: s.clientMessage ?? null,
          authorId: s.by ? userIds.manager1 : null,
          dueAt: s.step === "acknowledged" ? when : followUpStepDueAt(s.step, previous),
          createdAt: when,
        },
      });
      previous = when;
    }
  }

  // the managers' improvement proposal for the month, written after it ended
  const written = companyTime(`${addCompanyMonths(month, 1)}-01`, 10, 0);
  const proposalAt = written < c.now ? written : new Date(c.now.getTime() - MINUTE);
  await tx.reportProposal.create({
    data: {
      id: idAt(proposalAt),
      clientCompanyId: c.companyA,
      month,
      body: REPORT_PROPOSAL_BODY,
      updatedById: userIds.manager1,
      createdAt: proposalAt,
      updatedAt: proposalAt,
    },
  });
  return { workOrders: REPORT_ORDERS.length, tasks };
}
