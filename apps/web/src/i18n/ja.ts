// Japanese catalogue: the default language, and the reference for the keys.
// Words follow /GLOSSARY.md (ログイン, 依頼, クルー, 管理者, お客様 …).
// `{name}`-style placeholders are filled in by t(key, { name }).
export const ja = {
  "app.name": "Crewboard",
  "app.skipToMain": "メインコンテンツへ移動",
  "app.loading": "読み込み中です…",
  "app.loadFailed": "サーバーに接続できませんでした。通信環境を確認して、もう一度お試しください。",
  "app.retry": "再読み込み",
  "app.sessionExpired": "ログインの有効期限が切れました。もう一度ログインしてください。",

  "nav.label": "メインメニュー",
  "nav.workOrders": "依頼",
  "nav.apiDocs": "API リファレンス",
  "nav.opensNewTab": "（新しいタブで開きます）",

  "header.userLabel": "ログイン中のユーザー",
  "header.language": "表示言語",
  "header.signOut": "ログアウト",
  "header.signingOut": "ログアウトしています…",

  "lang.ja": "日本語",
  "lang.en": "English",

  "role.admin": "システム管理者",
  "role.manager": "管理者",
  "role.crew": "クルー",
  "role.client": "お客様",

  "signIn.title": "ログイン",
  "signIn.intro": "メールアドレスとパスワードを入力してください。",
  "signIn.email": "メールアドレス",
  "signIn.password": "パスワード",
  "signIn.submit": "ログイン",
  "signIn.submitting": "ログインしています…",
  "signIn.emailRequired": "メールアドレスを入力してください。",
  "signIn.passwordRequired": "パスワードを入力してください。",
  "signIn.showPassword": "パスワードを表示する",
  "signIn.failed": "ログインできませんでした。メールアドレスとパスワードを確認してください。",
  "signIn.tooManyAttempts": "ログインの試行回数が多すぎます。しばらく待ってから、もう一度お試しください。",
  "signIn.tooManyAttemptsWait": "ログインの試行回数が多すぎます。{minutes} 分ほど待ってから、もう一度お試しください。",
  "signIn.errorSummary": "入力内容を確認してください。",

  "demo.title": "デモ用アカウント",
  "demo.intro": "お試し用のアカウントです。「入力」を押すとログイン欄に入力されます。パスワードはすべて共通です：",
  "demo.name": "名前",
  "demo.role": "役割",
  "demo.email": "メールアドレス",
  "demo.description": "説明",
  "demo.action": "操作",
  "demo.fill": "入力",
  "demo.filled": "{name} さんのアカウントを入力しました。「ログイン」を押してください。",

  "workOrders.title": "依頼",
  "workOrders.caption": "依頼の一覧（{count} 件を表示）",
  "workOrders.empty": "依頼はまだありません。",
  "workOrders.loadFailed": "依頼の一覧を読み込めませんでした。",
  "workOrders.loadMore": "さらに表示",
  "workOrders.loadingMore": "読み込み中です…",
  "workOrders.number": "番号",
  "workOrders.orderTitle": "件名",
  "workOrders.client": "お客様",
  "workOrders.status": "状況",
  "workOrders.priority": "優先度",
  "workOrders.dueAt": "納期",
  "workOrders.progress": "進捗",
  "workOrders.none": "なし",
  "workOrders.scrollHint": "表は横にスクロールできます。",

  "status.requested": "依頼受付",
  "status.accepted": "受付済み",
  "status.in_progress": "作業中",
  "status.delivered": "納品済み",
  "status.revision_requested": "修正依頼あり",
  "status.completed": "完了",
  "status.declined": "お断り",

  "priority.normal": "通常",
  "priority.urgent": "急ぎ",

  "error.network": "サーバーに接続できませんでした。通信環境を確認して、もう一度お試しください。",
  "error.unknown": "問題が発生しました。時間をおいて、もう一度お試しください。",
  "error.forbidden": "この操作を行う権限がありません。",
} as const;

export type MessageKey = keyof typeof ja;

/** Every catalogue must have exactly the keys of the Japanese one. */
export type Catalogue = { readonly [K in MessageKey]: string };
