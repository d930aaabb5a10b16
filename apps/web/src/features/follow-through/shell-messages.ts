// The follow-through words the app shell shows on every screen (the notification bell and the
// "Follow-ups" menu entry). They are part of the common catalogue (i18n/ja.ts, en.ts), which the
// first load carries; the rest of the feature's words load with its screens (messages.ts).
export const followThroughShellJa = {
  "inbox.bell": "お知らせ",
  "inbox.bellUnread.one": "お知らせ（未読 {count} 件）",
  "inbox.bellUnread.other": "お知らせ（未読 {count} 件）",
  "inbox.kind.generic": "お知らせがあります。",
  "followUps.title": "フォローアップ",
  "followUps.clientTitle": "ご意見への対応",
} as const;

export const followThroughShellEn: { readonly [K in keyof typeof followThroughShellJa]: string } = {
  "inbox.bell": "Notifications",
  "inbox.bellUnread.one": "Notifications ({count} unread)",
  "inbox.bellUnread.other": "Notifications ({count} unread)",
  "inbox.kind.generic": "You have a notification.",
  "followUps.title": "Follow-ups",
  "followUps.clientTitle": "Your feedback",
};
