// Domain types and pure rules: no I/O. Used by contracts, the server and the web app.
export * from "./roles.ts";
export * from "./state-machine.ts";
export * from "./work-order.ts";
export * from "./task.ts";
export * from "./feedback.ts";
export * from "./calendar.ts";
export * from "./ordering.ts";
export * from "./limits.ts";
export * from "./list-queries.ts";
export * from "./policy/index.ts";
export * from "./follow-up.ts";
export * from "./notification.ts";
export * from "./work-profile.ts";
export * from "./suggestions.ts";
export * from "./urgent-offer.ts";
export * from "./kanji-grades.ts";
// issue 12: "not checked in by" a time set per team
export * from "./check-in-reminder.ts";
// issue 14: when a live client (the web app, the bench) connects again
export * from "./reconnect.ts";
