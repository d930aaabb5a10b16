// The words of an email, in the recipient's language (ja or en). The subject says only what kind
// of thing happened — never a title, a comment, a name or a number a client would call
// confidential; the body carries the detail, and a link to see it in Crewboard.
export type EmailLocale = "ja" | "en";

/** Replaced by CREWBOARD_PUBLIC_URL when the email is sent (it is composed inside the write). */
export const PUBLIC_URL_PLACEHOLDER = "{{crewboardPublicUrl}}";

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

type Data = Record<string, unknown>;
const str = (v: unknown) => (v == null ? "" : String(v));
const order = (d: Data) =>
  d.number != null ? `#${str(d.number)}` : d.workOrderNumber != null ? `#${str(d.workOrderNumber)}` : "";

interface Words {
  subject: string;
  lines: string[];
  path: string;
}

const dateIn = (locale: EmailLocale, v: unknown) =>
  v
    ? new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
        timeZone: "Asia/Tokyo",
        dateStyle: "medium",
        timeStyle: "short",
      }).format(new Date(str(v)))
    : "";

/** Subject and body lines of one notification kind. */
function wordsOf(kind: string, d: Data, locale: EmailLocale): Words | null {
  const ja = locale === "ja";
  switch (kind) {
    case "work_order.delivered":
      return {
        subject: ja ? "ご依頼の納品物が届きました" : "Your order has been delivered",
        lines: ja
          ? [
              `ご依頼 ${order(d)}「${str(d.title)}」を納品しました。`,
              "内容をご確認のうえ、検収または修正のご依頼をお願いします。",
            ]
          : [
              `We delivered your order ${order(d)} "${str(d.title)}".`,
              "Please check it, then accept it or ask for a revision.",
            ],
        path: `/work-orders/${str(d.workOrderId)}`,
      };
    case "work_order.declined":
      return {
        subject: ja ? "ご依頼についてのお知らせ" : "About your order",
        lines: ja
          ? [`ご依頼 ${order(d)}「${str(d.title)}」は、お受けできませんでした。`, `理由: ${str(d.declineReason)}`]
          : [`We could not take on your order ${order(d)} "${str(d.title)}".`, `Reason: ${str(d.declineReason)}`],
        path: `/work-orders/${str(d.workOrderId)}`,
      };
    case "nomination.declined":
      return {
        subject: ja ? "ご指名についてのお知らせ" : "About the person you asked for",
        lines: ja
          ? [
              `ご依頼 ${order(d)}「${str(d.title)}」のご指名（${str(d.nominee)} さん）にはお応えできませんでした。`,
              `理由: ${str(d.reason)}`,
              d.alternative ? `代わりに ${str(d.alternative)} さんが担当します。` : "ご依頼はお受けしています。",
            ]
          : [
              `We could not give your order ${order(d)} "${str(d.title)}" to ${str(d.nominee)}, whom you asked for.`,
              `Reason: ${str(d.reason)}`,
              d.alternative ? `${str(d.alternative)} takes it on instead.` : "Your order itself goes ahead.",
            ],
        path: `/work-orders/${str(d.workOrderId)}`,
      };
    case "follow_up.overdue":
      return {
        subject: ja ? "フォローアップの期限が過ぎています" : "A follow-up step is overdue",
        lines: ja
          ? [
              `${order(d)} のフォローアップで「${stepJa(str(d.step))}」の期限 (${dateIn(locale, d.dueAt)}) が過ぎています。`,
            ]
          : [`The step "${stepEn(str(d.step))}" of the follow-up on ${order(d)} was due ${dateIn(locale, d.dueAt)}.`],
        path: `/follow-ups/${str(d.followUpId)}`,
      };
    case "follow_up.opened":
      return {
        subject: ja ? "フォローアップの担当になりました" : "A follow-up was opened for you",
        lines: ja
          ? [
              `${order(d)} にお客様からご指摘がありました。担当はあなたです。`,
              `最初の対応の期限: ${dateIn(locale, d.dueAt)}`,
            ]
          : [
              `A client raised a complaint on ${order(d)}; you handle it.`,
              `First step due: ${dateIn(locale, d.dueAt)}`,
            ],
        path: `/follow-ups/${str(d.followUpId)}`,
      };
    case "follow_up.received":
    case "follow_up.action_taken":
    case "follow_up.closed":
      return {
        subject: ja ? "ご意見への対応についてのお知らせ" : "About your feedback",
        lines:
          kind === "follow_up.received"
            ? ja
              ? [
                  "ご意見をお寄せいただき、ありがとうございます。",
                  `担当: ${str(d.ownerName)}。${dateIn(locale, d.dueAt)} までにご連絡します。`,
                ]
              : [
                  "Thank you for telling us.",
                  `${str(d.ownerName)} handles it and will contact you by ${dateIn(locale, d.dueAt)}.`,
                ]
            : [str(d.clientMessage)],
        path: `/follow-ups/${str(d.followUpId)}`,
      };
    case "task.due_tomorrow":
    case "task.overdue":
      return {
        subject:
          kind === "task.overdue"
            ? ja
              ? "期限を過ぎたタスクがあります"
              : "A task is overdue"
            : ja
              ? "明日が期限のタスクがあります"
              : "A task is due tomorrow",
        lines: ja
          ? [`タスク「${str(d.title)}」(${order(d)}) の期限: ${dateIn(locale, d.dueAt)}`]
          : [`Task "${str(d.title)}" (${order(d)}) is due ${dateIn(locale, d.dueAt)}.`],
        path: "/my-day",
      };
    case "work_order_due.tomorrow":
    case "work_order_due.overdue":
      return {
        subject:
          kind === "work_order_due.overdue"
            ? ja
              ? "期限を過ぎた依頼があります"
              : "An order is overdue"
            : ja
              ? "明日が期限の依頼があります"
              : "An order is due tomorrow",
        lines: ja
          ? [`依頼 ${order(d)}「${str(d.title)}」の期限: ${dateIn(locale, d.dueAt)}`]
          : [`Order ${order(d)} "${str(d.title)}" is due ${dateIn(locale, d.dueAt)}.`],
        path: `/work-orders/${str(d.workOrderId)}`,
      };
    // issue 12: no health text in an email, only whose review it is and when
    case "accommodation.review_due":
      return {
        subject: ja ? "合理的配慮の見直し日が近づいています" : "An accommodation review is coming up",
        lines: d.own
          ? ja
            ? [`あなたの合理的配慮の見直し日: ${str(d.reviewOn)}（あと ${str(d.daysLeft)} 日）`]
            : [`Your accommodation is reviewed on ${str(d.reviewOn)} (in ${str(d.daysLeft)} days).`]
          : ja
            ? [`${str(d.name)} さんの合理的配慮の見直し日: ${str(d.reviewOn)}（あと ${str(d.daysLeft)} 日）`]
            : [`${str(d.name)}'s accommodation is reviewed on ${str(d.reviewOn)} (in ${str(d.daysLeft)} days).`],
        path: d.own ? "/me/profile" : `/crew/${str(d.userId)}`,
      };
    // a request to the team's managers, a record made or changed for the person: no health text either
    case "accommodation.requested":
      return {
        subject: ja ? "合理的配慮の申し出がありました" : "A request for an accommodation",
        lines: ja
          ? [`${str(d.name)} さんから合理的配慮の申し出がありました。本人と話し合って記録してください。`]
          : [`${str(d.name)} asked for an accommodation. Talk it over with them and record what you agree.`],
        path: `/crew/${str(d.userId)}`,
      };
    case "accommodation.recorded":
    case "accommodation.updated":
      return {
        subject: ja ? "あなたの合理的配慮が更新されました" : "Your accommodation was updated",
        lines: d.agreed
          ? ja
            ? ["あなたの合理的配慮について、合意した内容が記録されました。"]
            : ["What was agreed about your accommodation has been recorded."]
          : ja
            ? ["あなたの合理的配慮の記録が変わりました。"]
            : ["The record of your accommodation has changed."],
        path: "/me/profile",
      };
    case "message.mention":
      return {
        subject: ja ? "チャットであなた宛てのメッセージがあります" : "You were mentioned in chat",
        lines: ja
          ? [`${str(d.authorName)} さんからのメッセージ (30分以上、未読です):`, str(d.excerpt)]
          : [`${str(d.authorName)} mentioned you (unread for 30 minutes):`, str(d.excerpt)],
        path: `/chat/${str(d.roomId)}`,
      };
    default:
      return null;
  }
}

const STEPS_JA: Record<string, string> = {
  acknowledged: "受付",
  listened: "お話を伺う",
  reported: "上長への報告",
  crew_heard: "クルーから話を聞く",
  corrective_action: "是正の対応",
  prevention_note: "再発防止のお知らせ",
  closed: "完了",
};
const STEPS_EN: Record<string, string> = {
  acknowledged: "received",
  listened: "listened",
  reported: "reported to a superior",
  crew_heard: "crew member heard",
  corrective_action: "corrective action",
  prevention_note: "prevention note",
  closed: "closed",
};
const stepJa = (s: string) => STEPS_JA[s] ?? s;
const stepEn = (s: string) => STEPS_EN[s] ?? s;

/** One line for a notification in a digest. */
export function summaryOf(kind: string, d: Data, locale: EmailLocale): string {
  const ja = locale === "ja";
  switch (kind) {
    case "message.mention":
      return ja
        ? `${str(d.authorName)} さんからのメッセージ: ${str(d.excerpt)}`
        : `${str(d.authorName)} mentioned you: ${str(d.excerpt)}`;
    case "task.assigned":
      return ja ? `タスクの担当になりました: ${str(d.title)}` : `You were assigned: ${str(d.title)}`;
    case "feedback.praise":
      return ja
        ? `${order(d)} でお客様からお褒めの言葉: ${str(d.comment)}`
        : `Praise on ${order(d)}: ${str(d.comment)}`;
    case "work_order.requested":
      return ja ? `新しい依頼 ${order(d)}: ${str(d.title)}` : `New order ${order(d)}: ${str(d.title)}`;
    case "work_order.revision_requested":
    case "feedback.request_revision":
      return ja ? `${order(d)} に修正の依頼がありました` : `A revision was requested on ${order(d)}`;
    case "chat.unread_messages":
      return ja
        ? `読んでいないメッセージが ${str(d.count)} 件あります`
        : `${str(d.count)} unread messages in a chat room`;
    case "follow_up.prevention_note":
      return ja ? `再発防止のお知らせ: ${str(d.note)}` : `Prevention note: ${str(d.note)}`;
    default: {
      const w = wordsOf(kind, d, locale);
      if (w) return w.lines.join(" ");
      return ja ? `お知らせ ${order(d)} (${kind})`.trim() : `Notification ${order(d)} (${kind})`.trim();
    }
  }
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

function render(locale: EmailLocale, name: string, subject: string, lines: string[], path: string): ComposedEmail {
  const ja = locale === "ja";
  const greeting = ja ? `${name} 様` : `Dear ${name},`;
  const link = `${PUBLIC_URL_PLACEHOLDER}${path}`;
  const open = ja ? "Crewboard で開く" : "Open in Crewboard";
  const footer = ja
    ? "このメールは Crewboard の通知設定にもとづいて送っています。設定は「お知らせ」の設定で変えられます。"
    : "You get this email because of your notification settings in Crewboard; change them in the inbox settings.";
  const text = [greeting, "", ...lines, "", `${open}: ${link}`, "", "-- ", footer].join("\n");
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body><p>${escapeHtml(greeting)}</p>${lines
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join(
      "",
    )}<p><a href="${escapeHtml(link)}">${escapeHtml(open)}</a></p><hr><p><small>${escapeHtml(footer)}</small></p></body></html>`;
  return { subject: `[Crewboard] ${subject}`, text, html };
}

/** The email of one notification, in the recipient's language. */
export function composeNotificationEmail(
  kind: string,
  data: Data,
  recipient: { name: string; locale: string },
): ComposedEmail {
  const locale: EmailLocale = recipient.locale === "en" ? "en" : "ja";
  const w = wordsOf(kind, data, locale) ?? {
    subject: locale === "ja" ? "Crewboard からのお知らせ" : "A notification from Crewboard",
    lines: [summaryOf(kind, data, locale)],
    path: "/notifications",
  };
  return render(locale, recipient.name, w.subject, w.lines, w.path);
}

/** The daily digest: one line per notification of the last day. */
export function composeDigestEmail(
  items: { kind: string; data: Data }[],
  recipient: { name: string; locale: string },
): ComposedEmail {
  const locale: EmailLocale = recipient.locale === "en" ? "en" : "ja";
  const ja = locale === "ja";
  const subject = ja
    ? `今日のまとめ (お知らせ ${items.length} 件)`
    : `Your daily digest (${items.length} notifications)`;
  const lines = [
    ja ? "昨日からのお知らせです。" : "What happened since yesterday:",
    ...items.map((i) => `• ${summaryOf(i.kind, i.data, locale)}`),
  ];
  return render(locale, recipient.name, subject, lines, "/notifications");
}
