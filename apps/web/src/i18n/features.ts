// Each screen's words load with that screen. The common catalogue (./ja.ts, ./en.ts: shell,
// sign-in, shared ui/ and lib/) is in the first load; a feature's messages.ts is its own chunk,
// fetched (both languages at once, so switching language never waits) by the lazy route that
// needs it, and registered with the i18n layer before the screen renders (app/lazy-screen.ts).
//
// The types stay whole: MessageKey is the union of the common keys and every feature's keys, so
// t("board.…") is checked everywhere. Only the runtime loading is split. These imports are
// type-only and vanish from the build.
import type { CommonKey } from "./ja.ts";
import type { accountJa } from "../features/account/messages.ts";
import type { adminJa } from "../features/admin/messages.ts";
import type { boardJa } from "../features/board/messages.ts";
import type { chatJa } from "../features/chat/messages.ts";
import type { clientJa } from "../features/client/messages.ts";
import type { crewJa } from "../features/crew/messages.ts";
import type { followThroughJa } from "../features/follow-through/messages.ts";
import type { myDayJa } from "../features/my-day/messages.ts";
import type { workOrderJa } from "../features/work-orders/messages.ts";
import type { reportsJa } from "../features/reports/messages.ts";

export type FeatureKey =
  | keyof typeof accountJa
  | keyof typeof adminJa
  | keyof typeof boardJa
  | keyof typeof chatJa
  | keyof typeof clientJa
  | keyof typeof crewJa
  | keyof typeof followThroughJa
  | keyof typeof myDayJa
  | keyof typeof workOrderJa
  | keyof typeof reportsJa;

export type MessageKey = CommonKey | FeatureKey;

/** One feature's words in both languages (the English object has exactly the Japanese keys). */
export interface FeatureMessages {
  ja: Readonly<Record<string, string>>;
  en: Readonly<Record<string, string>>;
}

/** Where each feature's words come from: one dynamic import each, so each is its own chunk. */
export const featureMessages = {
  account: () => import("../features/account/messages.ts").then((m) => ({ ja: m.accountJa, en: m.accountEn })),
  admin: () => import("../features/admin/messages.ts").then((m) => ({ ja: m.adminJa, en: m.adminEn })),
  board: () => import("../features/board/messages.ts").then((m) => ({ ja: m.boardJa, en: m.boardEn })),
  chat: () => import("../features/chat/messages.ts").then((m) => ({ ja: m.chatJa, en: m.chatEn })),
  client: () => import("../features/client/messages.ts").then((m) => ({ ja: m.clientJa, en: m.clientEn })),
  crew: () => import("../features/crew/messages.ts").then((m) => ({ ja: m.crewJa, en: m.crewEn })),
  followThrough: () =>
    import("../features/follow-through/messages.ts").then((m) => ({ ja: m.followThroughJa, en: m.followThroughEn })),
  myDay: () => import("../features/my-day/messages.ts").then((m) => ({ ja: m.myDayJa, en: m.myDayEn })),
  workOrder: () =>
    import("../features/work-orders/messages.ts").then((m) => ({ ja: m.workOrderJa, en: m.workOrderEn })),
  reports: () => import("../features/reports/messages.ts").then((m) => ({ ja: m.reportsJa, en: m.reportsEn })),
} satisfies Record<string, () => Promise<FeatureMessages>>;

export type FeatureName = keyof typeof featureMessages;

export const featureNames = Object.keys(featureMessages) as FeatureName[];
