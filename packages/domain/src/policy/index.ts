// The access policy: one module of pure rules that every REST route, socket event, room join and
// event audience asks, on the server and in the web app alike. No role check lives anywhere else.
export * from "./identity.ts";
export * from "./gates.ts";
export * from "./work.ts";
export * from "./people.ts";
export * from "./rooms.ts";
export * from "./audiences.ts";
export * from "./chat.ts";
export * from "./accounts.ts";
export * from "./follow-through.ts";
export * from "./reports.ts";
export * from "./teams.ts";
