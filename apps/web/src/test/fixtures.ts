// Minimal API objects for tests (shapes from @crewboard/contracts).
import type { Message, ProgressUpdate, Task, UrgentOffer, WorkOrder } from "../lib/api.ts";
import type { LiveEnvelope } from "../lib/socket.ts";

export const COMPANY_A = "0190d6c8-0000-7000-8000-00000000000a";
export const CREW3 = "0190d6c8-0000-7000-8000-000000000003";
export const CREW5 = "0190d6c8-0000-7000-8000-000000000005";

export function workOrder(overrides: Partial<WorkOrder> = {}): WorkOrder {
  return {
    id: "wo-1",
    number: 12,
    clientCompany: { id: COMPANY_A, name: "株式会社さくら商事", nameEn: "Sakura Trading" },
    createdBy: { id: "client-a1", name: "佐藤 恵", displayName: "佐藤 恵", role: "client" },
    title: "経費伝票 120 枚の入力",
    description: "",
    links: [],
    dueAt: "2026-11-25T08:00:00.000Z",
    priority: "normal",
    status: "requested",
    allowedTransitions: ["accepted", "declined"],
    nominatedCrew: null,
    nominationNote: null,
    nominationAnswer: null,
    declineReason: null,
    progress: 0,
    taskCounts: { total: 0, done: 0, blocked: 0 },
    version: 1,
    acceptedAt: null,
    deliveredAt: null,
    completedAt: null,
    declinedAt: null,
    createdAt: "2026-11-24T00:05:00.000Z",
    updatedAt: "2026-11-24T00:05:00.000Z",
    ...overrides,
  };
}

export function task(overrides: Partial<Task> = {}): Task {
  return {
    id: "task-1",
    workOrder: { id: "wo-1", number: 12, title: "経費伝票 120 枚の入力", clientCompanyId: COMPANY_A },
    title: "伝票 1〜60",
    description: "",
    acceptanceCriteria: "",
    assignee: { id: CREW3, name: "中村 美咲", displayName: "中村 美咲", role: "crew" },
    estimateMinutes: 240,
    requiredSkills: [],
    dueAt: "2026-11-25T08:00:00.000Z",
    status: "todo",
    allowedTransitions: ["doing", "blocked"],
    blockedReason: null,
    progress: 0,
    minutesSpent: 0,
    version: 1,
    position: 0,
    startedAt: null,
    completedAt: null,
    revisionRequest: null,
    createdAt: "2026-11-24T00:10:00.000Z",
    updatedAt: "2026-11-24T00:10:00.000Z",
    ...overrides,
  };
}

export function progressUpdate(overrides: Partial<ProgressUpdate> = {}): ProgressUpdate {
  return {
    id: "pu-1",
    taskId: "task-1",
    author: { id: CREW3, name: "中村 美咲", displayName: "中村 美咲", role: "crew" },
    percent: 33,
    note: "20/60 entered",
    minutesSpent: 45,
    blocker: null,
    createdAt: "2026-11-24T01:00:00.000Z",
    ...overrides,
  };
}

export function message(overrides: Partial<Message> = {}): Message {
  return {
    id: "m-1",
    roomId: "room-1",
    author: { id: CREW3, name: "中村 美咲", displayName: "中村 美咲", role: "crew" },
    body: "slips 14 and 37 are unreadable — can you resend?",
    mentions: [],
    clientKey: null,
    editedAt: null,
    deletedAt: null,
    createdAt: "2026-11-24T01:05:00.000Z",
    ...overrides,
  };
}

let seq = 0;
export function envelope<E extends LiveEnvelope["event"]>(
  event: E,
  data: Extract<LiveEnvelope, { event: E }>["data"],
  room = "board",
  at?: string,
): LiveEnvelope {
  seq += 1;
  return {
    room,
    seq,
    event,
    data,
    at: at ?? new Date(Date.UTC(2026, 10, 24, 1, 0, seq)).toISOString(),
  } as LiveEnvelope;
}

/** issue 10: an open urgent offer of one task, asked of crew3 and crew5 (staff's view) */
export function urgentOffer(overrides: Partial<UrgentOffer> = {}): UrgentOffer {
  return {
    id: "offer-1",
    view: "staff",
    status: "open",
    task: {
      id: "task-1",
      title: "伝票 1〜60 の入力",
      workOrderId: "wo-1",
      workOrderNumber: 12,
      workOrderTitle: "経費伝票 120 枚の入力",
      requiredSkills: ["data_entry"],
      estimateMinutes: 120,
      dueAt: "2026-11-25T08:00:00.000Z",
      workOrderDueAt: "2026-11-25T08:00:00.000Z",
    },
    createdBy: { id: "manager-1", name: "高橋 真理子", displayName: "高橋 真理子", role: "manager" },
    deadlineAt: "2026-11-24T02:00:00.000Z",
    expiresAt: "2026-11-24T02:00:00.000Z",
    recipients: [
      {
        user: { id: CREW3, name: "小林 彩香", displayName: "小林 彩香", role: "crew" },
        response: null,
        respondedAt: null,
      },
      {
        user: { id: CREW5, name: "吉田 陽子", displayName: "吉田 陽子", role: "crew" },
        response: null,
        respondedAt: null,
      },
    ],
    takenBy: null,
    takenAt: null,
    takenByMe: false,
    endedAt: null,
    endReason: null,
    clientNoticeDueAt: null,
    clientToldAt: null,
    managerAction: null,
    managerActedAt: null,
    awaitingManager: false,
    previousOfferId: null,
    nextOfferId: null,
    version: 1,
    createdAt: "2026-11-24T01:30:00.000Z",
    updatedAt: "2026-11-24T01:30:00.000Z",
    ...overrides,
  };
}
