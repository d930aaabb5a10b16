// The UI's own words for every error code the server declares (packages/contracts ERROR_STATUS),
// in both languages: what a person reads is never the server's English `detail`. The types make
// a code without words (or words for no code) a type error; ui/errors.ts chooses them by code.
// Part of the common catalogue (errors appear on every screen, sign-in included).
import type { ErrorCode } from "@crewboard/contracts";

type ErrorCodeWords = { readonly [C in ErrorCode as `errorCode.${C}`]: string };

export const errorCodeJa = {
  "errorCode.validation.failed": "入力内容を確認してください。",
  "errorCode.request.malformed_json":
    "送信した内容を読み取れませんでした。画面を再読み込みして、もう一度お試しください。",
  "errorCode.request.unsupported_media_type": "この形式の内容は送信できません。",
  "errorCode.request.too_large": "送信する内容が大きすぎます。小さくしてから、もう一度お試しください。",
  "errorCode.auth.required": "ログインの有効期限が切れました。もう一度ログインしてください。",
  "errorCode.auth.invalid_credentials":
    "メールアドレスかパスワードが正しくありません。確認して、もう一度入力してください。",
  "errorCode.auth.csrf_invalid": "画面が古くなっています。再読み込みしてから、もう一度お試しください。",
  "errorCode.auth.forbidden": "この操作を行う権限がありません。",
  "errorCode.auth.password_change_required": "先に新しいパスワードを決めてください。",
  "errorCode.auth.current_password_wrong": "今のパスワードが正しくありません。",
  "errorCode.auth.rate_limited": "ログインの試行回数が多すぎます。しばらく待ってから、もう一度お試しください。",
  "errorCode.rate_limited": "操作が多すぎます。少し待ってから、もう一度お試しください。",
  "errorCode.auth.busy": "ただいまログインが混み合っています。少し待ってから、もう一度お試しください。",
  "errorCode.database.unavailable": "いま、データを保存・表示できません。少し待ってから、もう一度お試しください。",
  "errorCode.work_order.no_nomination": "この依頼には、お答えできる指名がありません。",
  "errorCode.work_order.nomination_changed":
    "お客様が指名を変更しました。依頼をもう一度読み込んでから、お答えください。",
  "errorCode.offer.not_found": "この急ぎの募集は見つかりませんでした。",
  "errorCode.offer.taken": "ほかの人が先に引き受けました。",
  "errorCode.offer.expired": "この募集は締め切られました。",
  "errorCode.offer.declined": "この募集はすでにお断りしています。",
  "errorCode.offer.already_open": "このタスクは、すでに急ぎで募集しています。",
  "errorCode.offer.task_not_offerable": "このタスクは、いまは募集できません（始まっているか、終わっています）。",
  "errorCode.offer.crew_ineligible": "募集できない人が含まれています。理由を確認して選び直してください。",
  "errorCode.offer.not_awaiting_manager": "この募集は、いまは対応を選べません。最新の状況を確認してください。",
  "errorCode.task.assignee_needs_override":
    "この方は今日「体調不良」と回答しています。担当にする場合は、確認のうえ明示的に選んでください。",
  "errorCode.route.not_found": "見つかりませんでした。アドレスを確認してください。",
  "errorCode.service.not_ready": "サーバーの準備ができていません。少し待ってから、もう一度お試しください。",
  "errorCode.resource.not_found": "見つかりませんでした。削除された可能性があります。",
  "errorCode.user.not_found": "ユーザーが見つかりませんでした。",
  "errorCode.client_company.not_found": "クライアント企業が見つかりませんでした。",
  "errorCode.work_order.not_found": "依頼が見つかりませんでした。削除されたか、表示する権限がない可能性があります。",
  "errorCode.task.not_found": "タスクが見つかりませんでした。削除されたか、表示する権限がない可能性があります。",
  "errorCode.deliverable.not_found": "納品物が見つかりませんでした。",
  "errorCode.user.email_taken": "このメールアドレスはすでに使われています。",
  "errorCode.user.still_active": "この人はまだ有効です。個人情報を消去する前に、アカウントを無効にしてください。",
  "errorCode.audit.export_too_large": "書き出す件数が多すぎます。期間を短くしてください。",
  "errorCode.work_order.illegal_transition":
    "この依頼は、いまの状況からは変更できません。最新の内容を確認してください。",
  "errorCode.work_order.version_conflict":
    "ほかの人が先にこの依頼を変更しました。最新の内容を確認してから、もう一度操作してください。",
  "errorCode.work_order.not_splittable": "この依頼は、いまはタスクに分けられません。",
  "errorCode.work_order.not_editable": "この依頼は、いまは変更できません。",
  "errorCode.task.illegal_transition": "このタスクは、いまの状況からそこへは移せません。",
  "errorCode.task.version_conflict":
    "ほかの人が先にこのタスクを変更しました。最新の内容を確認してから、もう一度操作してください。",
  "errorCode.feedback.not_allowed": "この依頼には、いまは評価や修正の依頼を送れません。",
  "errorCode.chat_room.taken": "この相談は、ほかの管理者が対応しています。",
  "errorCode.chat_room.no_manager_available":
    "いま対応できる管理者がいません。少し待ってから、もう一度お試しください。",
  "errorCode.message.deleted": "このメッセージは削除されています。",
  "errorCode.message.changed": "このメッセージは、ほかの場所で変更されました。最新の内容を確認してください。",
  "errorCode.message.client_key_reused": "このメッセージはすでに送信されています。",
  "errorCode.follow_up.not_found": "フォローアップが見つかりませんでした。",
  "errorCode.follow_up.illegal_step": "このフォローアップは、いまの段階からは進められません。",
  "errorCode.report.proposal_version_conflict":
    "このご提案は、ほかの人が先に変更しました。ページを読み込み直して最新の内容を確認してから、もう一度保存してください。",
  "errorCode.notification.not_found": "お知らせが見つかりませんでした。",
  "errorCode.accommodation.not_found": "合理的配慮の記録が見つかりませんでした。",
  "errorCode.accommodation.version_conflict":
    "ほかの人が先にこの記録を変更しました。最新の内容を表示しました。確かめてから、もう一度保存してください。",
  "errorCode.idempotency.key_reused": "同じ操作が別の内容で送信されました。画面を再読み込みしてください。",
  "errorCode.idempotency.in_progress": "同じ操作を処理しています。少し待ってください。",
  "errorCode.conflict": "ほかの人が先に変更しました。最新の内容を確認してから、もう一度操作してください。",
  "errorCode.internal": "サーバーで問題が発生しました。時間をおいて、もう一度お試しください。",
} as const satisfies ErrorCodeWords;

export const errorCodeEn: { readonly [K in keyof typeof errorCodeJa]: string } = {
  "errorCode.validation.failed": "Please check what you entered.",
  "errorCode.request.malformed_json": "What was sent could not be read. Please reload the page and try again.",
  "errorCode.request.unsupported_media_type": "This kind of content cannot be sent.",
  "errorCode.request.too_large": "What you are sending is too large. Please make it smaller and try again.",
  "errorCode.auth.required": "Your session has ended. Please sign in again.",
  "errorCode.auth.invalid_credentials":
    "The email address or the password is not correct. Please check them and try again.",
  "errorCode.auth.csrf_invalid": "This page is out of date. Please reload it and try again.",
  "errorCode.auth.forbidden": "You do not have permission to do this.",
  "errorCode.auth.password_change_required": "Please choose a new password first.",
  "errorCode.auth.current_password_wrong": "Your current password is not correct.",
  "errorCode.auth.rate_limited": "Too many sign-in attempts. Please wait a while and try again.",
  "errorCode.rate_limited": "Too many requests. Please wait a moment and try again.",
  "errorCode.auth.busy": "Sign-in is busy right now. Please wait a moment and try again.",
  "errorCode.database.unavailable": "We cannot save or show data right now. Please wait a moment and try again.",
  "errorCode.work_order.no_nomination": "This order has no nomination to answer.",
  "errorCode.work_order.nomination_changed": "The client changed the nomination. Load the order again, then answer.",
  "errorCode.offer.not_found": "This urgent offer was not found.",
  "errorCode.offer.taken": "Someone else took it first.",
  "errorCode.offer.expired": "This offer has closed.",
  "errorCode.offer.declined": "You have already declined this offer.",
  "errorCode.offer.already_open": "This task already has an open urgent offer.",
  "errorCode.offer.task_not_offerable": "This task cannot be offered now (it has started or is finished).",
  "errorCode.offer.crew_ineligible": "Some of the people chosen cannot be asked. Check the reasons and choose again.",
  "errorCode.offer.not_awaiting_manager": "There is no choice to make on this offer now. Check its latest state.",
  "errorCode.task.assignee_needs_override":
    "This person said they are unwell today. To assign them anyway, confirm it explicitly.",
  "errorCode.route.not_found": "Not found. Please check the address.",
  "errorCode.service.not_ready": "The server is not ready yet. Please wait a moment and try again.",
  "errorCode.resource.not_found": "Not found. It may have been removed.",
  "errorCode.user.not_found": "User not found.",
  "errorCode.client_company.not_found": "Client company not found.",
  "errorCode.work_order.not_found": "Order not found. It may have been removed, or you may not have access to it.",
  "errorCode.task.not_found": "Task not found. It may have been removed, or you may not have access to it.",
  "errorCode.deliverable.not_found": "Deliverable not found.",
  "errorCode.user.email_taken": "This email address is already in use.",
  "errorCode.user.still_active":
    "This person is still active. Deactivate the account before erasing their personal data.",
  "errorCode.audit.export_too_large": "Too many entries to export. Please choose a shorter period.",
  "errorCode.work_order.illegal_transition":
    "This order cannot change like that from its current status. Please check the latest version.",
  "errorCode.work_order.version_conflict":
    "Someone else changed this order first. Please check the latest version and try again.",
  "errorCode.work_order.not_splittable": "This order cannot be split into tasks now.",
  "errorCode.work_order.not_editable": "This order cannot be changed now.",
  "errorCode.task.illegal_transition": "This task cannot move to that status from its current one.",
  "errorCode.task.version_conflict":
    "Someone else changed this task first. Please check the latest version and try again.",
  "errorCode.feedback.not_allowed": "You cannot send a rating or a revision request for this order now.",
  "errorCode.chat_room.taken": "Another manager is answering this request.",
  "errorCode.chat_room.no_manager_available": "No manager is available right now. Please wait a moment and try again.",
  "errorCode.message.deleted": "This message has been deleted.",
  "errorCode.message.changed": "This message was changed elsewhere. Please check the latest version.",
  "errorCode.message.client_key_reused": "This message has already been sent.",
  "errorCode.follow_up.not_found": "Follow-up not found.",
  "errorCode.follow_up.illegal_step": "This follow-up cannot take that step from where it is now.",
  "errorCode.report.proposal_version_conflict":
    "This proposal was changed by someone else meanwhile. Reload the page, read the latest version, then save again.",
  "errorCode.notification.not_found": "Notification not found.",
  "errorCode.accommodation.not_found": "Accommodation record not found.",
  "errorCode.accommodation.version_conflict":
    "Someone changed this record first. The latest version is shown; check it and save again.",
  "errorCode.idempotency.key_reused": "The same action was sent with different content. Please reload the page.",
  "errorCode.idempotency.in_progress": "The same action is being processed. Please wait a moment.",
  "errorCode.conflict": "Someone else changed this first. Please check the latest version and try again.",
  "errorCode.internal": "The server had a problem. Please wait a moment and try again.",
};

/** The catalogue key of an error code, or undefined for a code this version does not know. */
export function errorCodeKey(code: string | undefined): keyof typeof errorCodeJa | undefined {
  const key = `errorCode.${code}`;
  return code !== undefined && Object.hasOwn(errorCodeJa, key) ? (key as keyof typeof errorCodeJa) : undefined;
}
