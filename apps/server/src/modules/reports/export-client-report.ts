// The monthly report as CSV (issue 12), for the client's spreadsheet. Like the audit log's export:
// a UTF-8 byte order mark first (Excel in Japan reads a CSV without one as Shift_JIS), CRLF line
// ends, and cells that a spreadsheet would run as a formula made plain text. The report is a
// document for the client, so crew appear by display name whoever downloads it — never a full name.
import { stringify } from "csv-stringify/sync";
import type { ClientReport } from "@crewboard/contracts";
import { COMPANY_TIME_ZONE } from "@crewboard/domain";
import { neutralizeFormula } from "../audit/export-audit-events.ts";

type Locale = "ja" | "en";

const WORDS = {
  ja: {
    title: "月次レポート",
    month: "対象月",
    item: "項目",
    value: "値",
    ordersCompleted: "完了した依頼（件）",
    ordersOnTime: "うち納期内（件）",
    averageRating: "平均評価（5段階）",
    ratingCount: "評価の数（件）",
    followUpsOpened: "受け付けたご意見・ご不満（件）",
    followUpsClosed: "対応を完了したご意見・ご不満（件）",
    totalHours: "作業時間の合計（時間）",
    skill: "スキル",
    hours: "作業時間（時間）",
    minutes: "作業時間（分）",
    number: "依頼番号",
    orderTitle: "件名",
    due: "納期",
    completed: "完了日時",
    onTime: "納期内",
    rating: "評価",
    crew: "担当",
    yes: "はい",
    no: "いいえ",
    proposal: "改善のご提案",
    none: "なし",
    noSkill: "スキルの指定なし",
    skills: {
      data_entry: "データ入力",
      scanning: "スキャン",
      proofreading: "校正",
      tagging: "タグ付け",
      ecommerce: "EC 運営",
      survey: "アンケート集計",
    },
  },
  en: {
    title: "Monthly report",
    month: "Month",
    item: "Item",
    value: "Value",
    ordersCompleted: "Orders completed",
    ordersOnTime: "of which on time",
    averageRating: "Average rating (of 5)",
    ratingCount: "Ratings",
    followUpsOpened: "Follow-ups opened",
    followUpsClosed: "Follow-ups closed",
    totalHours: "Hours worked in total",
    skill: "Skill",
    hours: "Hours",
    minutes: "Minutes",
    number: "Order",
    orderTitle: "Title",
    due: "Due",
    completed: "Completed",
    onTime: "On time",
    rating: "Rating",
    crew: "Crew",
    yes: "yes",
    no: "no",
    proposal: "Improvement proposal",
    none: "none",
    noSkill: "No skill named",
    skills: {
      data_entry: "Data entry",
      scanning: "Scanning",
      proofreading: "Proofreading",
      tagging: "Tagging",
      ecommerce: "E-commerce",
      survey: "Surveys",
    },
  },
} as const;

const tokyoTime = new Intl.DateTimeFormat("sv-SE", {
  timeZone: COMPANY_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

const hoursOf = (minutes: number) => (minutes / 60).toFixed(1);

/** "crewboard-report-2026-10.csv" (ASCII, so the plain quoted Content-Disposition form is enough). */
export function reportFileName(report: Pick<ClientReport, "month">): string {
  return `crewboard-report-${report.month}.csv`;
}

/** The report's CSV, BOM included: sections one after the other, a blank line between them. */
export function clientReportCsv(report: ClientReport, locale: Locale): string {
  const w = WORDS[locale];
  const company = locale === "en" && report.company.nameEn ? report.company.nameEn : report.company.name;
  const rows: string[][] = [
    [w.title, company],
    [w.month, report.month],
    [],
    [w.item, w.value],
    [w.ordersCompleted, String(report.ordersCompleted)],
    [w.ordersOnTime, String(report.ordersOnTime)],
    [w.averageRating, report.averageRating === null ? w.none : report.averageRating.toFixed(1)],
    [w.ratingCount, String(report.ratingCount)],
    [w.followUpsOpened, String(report.followUpsOpened)],
    [w.followUpsClosed, String(report.followUpsClosed)],
    [w.totalHours, hoursOf(report.totalMinutes)],
    [],
    [w.skill, w.hours, w.minutes],
    ...report.hoursBySkill.map((h) => [h.skill ? w.skills[h.skill] : w.noSkill, hoursOf(h.minutes), String(h.minutes)]),
    [],
    [w.number, w.orderTitle, w.due, w.completed, w.onTime, w.rating, w.crew],
    ...report.orders.map((o) => [
      `#${o.number}`,
      o.title,
      tokyoTime.format(new Date(o.dueAt)),
      tokyoTime.format(new Date(o.completedAt)),
      o.onTime ? w.yes : w.no,
      o.rating === null ? "" : String(o.rating),
      // the display name, never the full name (whoever downloads it: the CSV goes to the client)
      o.crew.map((p) => p.displayName).join(" / "),
    ]),
    [],
    [w.proposal],
    [report.proposal?.body ?? w.none],
  ];
  return stringify(rows, {
    bom: true,
    record_delimiter: "\r\n",
    cast: { string: neutralizeFormula },
  });
}
