// The easy-read word list and the jargon deny-list (issue 9 barrier 11), beside the catalogues.
// The terms follow shared GLOSSARY.md: for each glossary term, the word easy-read Japanese uses
// instead (its "easy-read column"). The deny-list holds what the easy-read catalogue must never
// say: the katakana loanwords and the hard nouns the guideline asks to replace
// (ACCESSIBILITY.md: ドロップ, メンション, スイムレーン; 水分補給 → 水を飲む). ja-easy.test.ts checks
// the catalogue against it, and the browser test checks My Day's page.

export interface EasyWord {
  /** the glossary's English term */
  term: string;
  /** the glossary's Japanese (the `ja` catalogue's word) */
  ja: string;
  /** the easy-read word */
  easy: string;
}

export const EASY_WORDS: readonly EasyWord[] = [
  { term: "task", ja: "タスク", easy: "仕事" },
  { term: "My Day", ja: "今日の作業", easy: "今日の仕事" },
  { term: "progress", ja: "進捗", easy: "どこまでできたか" },
  { term: "progress update / log progress", ja: "進捗を報告する", easy: "どこまでできたかを知らせる" },
  { term: "blocked", ja: "作業が止まっています", easy: "止まっている" },
  { term: "estimate", ja: "見積もり", easy: "かかる時間（予定）" },
  { term: "acceptance criteria", ja: "完了の条件", easy: "終わりにする前に確かめること" },
  { term: "status", ja: "状況", easy: "いまの様子" },
  { term: "check-in (daily condition)", ja: "体調チェック", easy: "体の具合" },
  {
    term: "good / okay / tired / unwell",
    ja: "良い / ふつう / 疲れ気味 / 体調不良",
    easy: "元気 / ふつう / 少しつかれている / 体の具合が悪い",
  },
  { term: "at the office / at home", ja: "事業所 / 在宅", easy: "事業所 / 家" },
  { term: "online / away / offline", ja: "オンライン / 離席中 / オフライン", easy: "いる / 席にいない / いない" },
  { term: "manager", ja: "管理者 (マネージャー)", easy: "管理者" },
  { term: "talk to a manager", ja: "管理者に相談する", easy: "管理者に相談する" },
  { term: "unread", ja: "未読", easy: "まだ読んでいない" },
  { term: "due", ja: "期限", easy: "しめきり" },
  { term: "pause / resume", ja: "一時停止 / 再開する", easy: "少し止める / また始める" },
  { term: "request a review", ja: "確認を依頼する", easy: "管理者に見てもらう" },
  { term: "high contrast", ja: "ハイコントラスト", easy: "色をはっきりさせる" },
  { term: "simpler layout", ja: "シンプルな表示", easy: "少しだけ見せる" },
  { term: "notifications / inbox", ja: "お知らせ", easy: "お知らせ" },
  { term: "settings", ja: "設定", easy: "設定" },
];

/** Words the easy-read catalogue (and My Day in easy-read) must not use. */
export const EASY_READ_DENY_LIST: readonly string[] = [
  // katakana jargon
  "タスク",
  "ステータス",
  "ドロップ",
  "ドラッグ",
  "メンション",
  "スイムレーン",
  "フィードバック",
  "クライアント",
  "マネージャー",
  "ハイコントラスト",
  "シンプル",
  "アニメーション",
  "キャンセル",
  "アップデート",
  // hard nouns made from verbs, and words with an easier one above
  "進捗",
  "未着手",
  "一時停止",
  "体調不良",
  "疲れ気味",
  "見積もり",
  "離席中",
  "未読",
  "送信",
  "入力",
];
