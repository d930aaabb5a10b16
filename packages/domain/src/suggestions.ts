// Suggestions with reasons (issue 10): for a task, crew ranked by rules a manager can read, each
// entry with its reasons in plain words. No hidden score: the ranking compares the rules below in
// order, and the first one that separates two people decides.
//
//   1. Someone who said "unwell" today is never first: they come after everyone else, with a warning.
//      For a manager who may see only availability, everyone not available today comes last alike
//      (needsOverride), so the order says nothing about who is unwell.
//   2. Skills: fewer of the task's required skills missing comes first.
//   3. The client's nomination comes first.
//   4. Available today (a working day for them, checked in, not unwell) comes first.
//   5. Load: within their agreed minutes left this week before over them; then the lower load.
//   6. Past client ratings on similar work (same client first, else same skill): the higher first;
//      no rating yet comes after any rating.
//   7. Their name, then their id (so equal entries always come out in the same order).
//
// What the manager may see of each person follows the people rules (policy/people.ts): the condition
// for their own team (and admins), only "available today / not today" for everyone else.
import type { Condition, Locale, WorkStyle } from "./roles.ts";
import type { PersonalAccess } from "./policy/people.ts";
import type { WorkLoad } from "./work-profile.ts";
import { isSkill, type Skill } from "./work-profile.ts";

export interface RatingSummary {
  /** the average rating weighted by the person's logged minutes, 1–5 */
  average: number;
  /** how many rated orders it comes from */
  orders: number;
}

export interface SuggestionCandidate {
  id: string;
  name: string;
  skills: readonly string[];
  workStyle: WorkStyle | null;
  /** a working day for them (their agreed working days, company calendar) */
  worksToday: boolean;
  /** today's check-in, if any */
  checkIn: { condition: Condition } | null;
  load: WorkLoad;
  ratings: { sameClient: RatingSummary | null; sameSkill: RatingSummary | null };
  nominated: boolean;
  /** what the manager asking may see of their day (personalAccess of the policy) */
  access: PersonalAccess;
}

export type ReasonCode =
  | "skills.all"
  | "skills.missing"
  | "skills.none_required"
  | "load.within"
  | "load.over"
  | "load.no_hours_left"
  | "today.condition"
  | "today.available"
  | "today.not_checked_in"
  | "today.not_working_day"
  | "today.not_available"
  | "work_style"
  | "rating.same_client"
  | "rating.same_skill"
  | "rating.none"
  | "nominated";

export type WarningCode = "unwell" | "not_available" | "over_hours" | "missing_skills";

export interface Reason {
  code: ReasonCode;
  /** the facts the words are made from */
  params: Record<string, string | number>;
}

export interface Warning {
  code: WarningCode;
  params: Record<string, string | number>;
}

export interface RankedSuggestion {
  id: string;
  name: string;
  rank: number;
  reasons: Reason[];
  warnings: Warning[];
  /** choosing them needs an explicit, audited override (see needsOverride) */
  needsOverride: boolean;
}

const isUnwell = (c: SuggestionCandidate) => c.checkIn?.condition === "unwell";
const availableToday = (c: SuggestionCandidate) => c.worksToday && c.checkIn !== null && !isUnwell(c);
const missingSkills = (c: SuggestionCandidate, required: readonly string[]) =>
  required.filter((s) => !c.skills.includes(s));
const ratingOf = (c: SuggestionCandidate) => c.ratings.sameClient ?? c.ratings.sameSkill;

/** The rules in order: a negative number puts `a` first. */
function compare(a: SuggestionCandidate, b: SuggestionCandidate, required: readonly string[]): number {
  const byNumber = (x: number, y: number) => x - y;
  const rules = [
    // what the manager may see decides, never more: for another team's manager "unwell" and "not
    // today" must rank alike, or the order would tell them who is unwell
    () => byNumber(Number(needsOverride(a)), Number(needsOverride(b))),
    () => byNumber(missingSkills(a, required).length, missingSkills(b, required).length),
    () => byNumber(Number(!a.nominated), Number(!b.nominated)),
    () => byNumber(Number(!availableToday(a)), Number(!availableToday(b))),
    () => byNumber(Number(a.load.over), Number(b.load.over)),
    () => byNumber(a.load.percent ?? Number.MAX_SAFE_INTEGER, b.load.percent ?? Number.MAX_SAFE_INTEGER),
    () => byNumber(-(ratingOf(a)?.average ?? 0), -(ratingOf(b)?.average ?? 0)),
    () => a.name.localeCompare(b.name, "ja"),
    () => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  ];
  for (const rule of rules) {
    const d = rule();
    if (d !== 0) return d;
  }
  return 0;
}

function reasonsOf(c: SuggestionCandidate, required: readonly string[]): { reasons: Reason[]; warnings: Warning[] } {
  const reasons: Reason[] = [];
  const warnings: Warning[] = [];
  const missing = missingSkills(c, required);
  if (c.nominated) reasons.push({ code: "nominated", params: {} });
  if (required.length === 0) reasons.push({ code: "skills.none_required", params: {} });
  else if (missing.length === 0) reasons.push({ code: "skills.all", params: { skills: required.join(",") } });
  else {
    reasons.push({
      code: "skills.missing",
      params: { missing: missing.join(","), has: required.length - missing.length, of: required.length },
    });
    warnings.push({ code: "missing_skills", params: { missing: missing.join(",") } });
  }

  // today, as the people rules allow
  if (c.access === "full") {
    if (!c.worksToday) reasons.push({ code: "today.not_working_day", params: {} });
    else if (!c.checkIn) reasons.push({ code: "today.not_checked_in", params: {} });
    else reasons.push({ code: "today.condition", params: { condition: c.checkIn.condition } });
    if (isUnwell(c)) warnings.push({ code: "unwell", params: {} });
  } else {
    reasons.push({ code: availableToday(c) ? "today.available" : "today.not_available", params: {} });
    // the reason stays theirs: another team's manager is told only that they are not available,
    // the same for everyone who is not (unwell, not checked in, not a working day)
    if (!availableToday(c)) warnings.push({ code: "not_available", params: {} });
  }

  const { load } = c;
  if (load.minutesLeftThisWeek === 0)
    reasons.push({ code: "load.no_hours_left", params: { remaining: load.remainingMinutes } });
  else
    reasons.push({
      code: load.over ? "load.over" : "load.within",
      params: { remaining: load.remainingMinutes, left: load.minutesLeftThisWeek, percent: load.percent ?? 0 },
    });
  if (load.over)
    warnings.push({ code: "over_hours", params: { remaining: load.remainingMinutes, left: load.minutesLeftThisWeek } });

  if (c.workStyle) reasons.push({ code: "work_style", params: { style: c.workStyle } });

  if (c.ratings.sameClient)
    reasons.push({
      code: "rating.same_client",
      params: { average: round1(c.ratings.sameClient.average), orders: c.ratings.sameClient.orders },
    });
  else if (c.ratings.sameSkill)
    reasons.push({
      code: "rating.same_skill",
      params: { average: round1(c.ratings.sameSkill.average), orders: c.ratings.sameSkill.orders },
    });
  else reasons.push({ code: "rating.none", params: {} });
  return { reasons, warnings };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Choosing them needs an explicit, audited override: unwell today. A manager who may see only
 * availability is asked the same for everyone not available today, so the override tells them
 * nothing more than "not today".
 */
export function needsOverride(c: SuggestionCandidate): boolean {
  return c.access === "full" ? isUnwell(c) : !availableToday(c);
}

/** The crew ranked for a task that needs `requiredSkills`, each with their reasons and warnings. */
export function rankSuggestions(
  requiredSkills: readonly string[],
  candidates: readonly SuggestionCandidate[],
): RankedSuggestion[] {
  const required = requiredSkills.filter(isSkill);
  return [...candidates]
    .sort((a, b) => compare(a, b, required))
    .map((c, i) => ({
      id: c.id,
      name: c.name,
      rank: i + 1,
      ...reasonsOf(c, required),
      needsOverride: needsOverride(c),
    }));
}

/**
 * A rating given per order counts for each crew member who logged time on the order's tasks,
 * weighted by their minutes: the average of the ratings, each weighted by the person's minutes on
 * that order. Null without any rated order they worked on.
 */
export function weightedRating(entries: readonly { rating: number; minutes: number }[]): RatingSummary | null {
  const counted = entries.filter((e) => e.minutes > 0 && e.rating >= 1 && e.rating <= 5);
  const minutes = counted.reduce((s, e) => s + e.minutes, 0);
  if (minutes === 0) return null;
  return { average: counted.reduce((s, e) => s + e.rating * e.minutes, 0) / minutes, orders: counted.length };
}

// ---- the words ----------------------------------------------------------------------------

const SKILL_WORDS: Record<Skill, { ja: string; en: string }> = {
  data_entry: { ja: "データ入力", en: "data entry" },
  scanning: { ja: "スキャン", en: "scanning" },
  proofreading: { ja: "校正", en: "proof-reading" },
  tagging: { ja: "画像タグ付け", en: "image tagging" },
  ecommerce: { ja: "EC サイト", en: "e-commerce" },
  survey: { ja: "アンケート集計", en: "survey tabulation" },
};

const CONDITION_WORDS: Record<Condition, { ja: string; en: string }> = {
  good: { ja: "元気", en: "good" },
  okay: { ja: "ふつう", en: "okay" },
  tired: { ja: "疲れ気味", en: "tired" },
  unwell: { ja: "体調不良", en: "unwell" },
};

const STYLE_WORDS: Record<WorkStyle, { ja: string; en: string }> = {
  office: { ja: "出社", en: "in the office" },
  home: { ja: "在宅", en: "from home" },
  hybrid: { ja: "出社と在宅", en: "office and home" },
};

/** Skill tags in words ("data_entry,scanning" → "データ入力・スキャン"). */
export function skillWords(skills: string, locale: Locale): string {
  return skills
    .split(",")
    .filter(isSkill)
    .map((s) => SKILL_WORDS[s][locale])
    .join(locale === "ja" ? "・" : ", ");
}

const hours = (minutes: number | string, locale: Locale) => {
  const h = Math.round((Number(minutes) / 60) * 10) / 10;
  return locale === "ja" ? `${h} 時間` : `${h} h`;
};

/** A reason in plain words, in the manager's language. */
export function reasonText(r: Reason, locale: Locale): string {
  const p = r.params;
  const ja = locale === "ja";
  switch (r.code) {
    case "nominated":
      return ja ? "お客さまのご指名です" : "The client nominated them";
    case "skills.all":
      return ja
        ? `必要なスキルをすべて持っています（${skillWords(String(p.skills), locale)}）`
        : `Has every skill needed (${skillWords(String(p.skills), locale)})`;
    case "skills.missing":
      return ja
        ? `必要なスキル ${p.of} 件のうち ${p.has} 件（足りないもの：${skillWords(String(p.missing), locale)}）`
        : `Has ${p.has} of the ${p.of} skills needed (missing: ${skillWords(String(p.missing), locale)})`;
    case "skills.none_required":
      return ja ? "このタスクに必要なスキルの指定はありません" : "The task names no skills";
    case "today.condition":
      return ja
        ? `今日はチェックイン済み（体調：${CONDITION_WORDS[p.condition as Condition].ja}）`
        : `Checked in today (feeling ${CONDITION_WORDS[p.condition as Condition].en})`;
    case "today.not_checked_in":
      return ja ? "今日はまだチェックインしていません" : "Has not checked in today yet";
    case "today.not_working_day":
      return ja ? "今日は勤務日ではありません" : "Today is not one of their working days";
    case "today.available":
      return ja ? "今日は対応できます" : "Available today";
    case "today.not_available":
      return ja ? "今日は対応できません" : "Not available today";
    case "load.within":
      return ja
        ? `今週の残り作業 ${hours(p.remaining!, locale)}／残りの契約時間 ${hours(p.left!, locale)}（${p.percent}%）`
        : `${hours(p.remaining!, locale)} of work left against ${hours(p.left!, locale)} of agreed hours left this week (${p.percent}%)`;
    case "load.over":
      return ja
        ? `今週の残り作業 ${hours(p.remaining!, locale)} が残りの契約時間 ${hours(p.left!, locale)} を超えています`
        : `${hours(p.remaining!, locale)} of work left is more than the ${hours(p.left!, locale)} of agreed hours left this week`;
    case "load.no_hours_left":
      return ja
        ? `今週の契約時間は残っていません（残り作業 ${hours(p.remaining!, locale)}）`
        : `No agreed hours left this week (${hours(p.remaining!, locale)} of work left)`;
    case "work_style":
      return ja ? `働き方：${STYLE_WORDS[p.style as WorkStyle].ja}` : `Works ${STYLE_WORDS[p.style as WorkStyle].en}`;
    case "rating.same_client":
      return ja
        ? `このお客さまからの評価 ${p.average}（${p.orders} 件）`
        : `Rated ${p.average} by this client (${p.orders} orders)`;
    case "rating.same_skill":
      return ja
        ? `同じ種類の仕事の評価 ${p.average}（${p.orders} 件）`
        : `Rated ${p.average} on similar work (${p.orders} orders)`;
    case "rating.none":
      return ja ? "似た仕事の評価はまだありません" : "No ratings on similar work yet";
  }
}

/** A warning in plain words, in the manager's language. */
export function warningText(w: Warning, locale: Locale): string {
  const ja = locale === "ja";
  switch (w.code) {
    case "unwell":
      return ja
        ? "今日は体調不良とチェックインしています。選ぶには確認が必要です（記録されます）"
        : "Checked in unwell today. Choosing them needs your explicit confirmation (it is recorded)";
    case "not_available":
      return ja
        ? "今日は対応できません。選ぶには確認が必要です（記録されます）"
        : "Not available today. Choosing them needs your explicit confirmation (it is recorded)";
    case "over_hours":
      return ja ? "今週の契約時間を超えます" : "Over their agreed hours this week";
    case "missing_skills":
      return ja
        ? `足りないスキル：${skillWords(String(w.params.missing), locale)}`
        : `Missing skills: ${skillWords(String(w.params.missing), locale)}`;
  }
}
