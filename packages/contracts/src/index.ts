// Request/response schemas (zod) shared by the server and the web app, the operation catalogue
// (every REST route and socket event), the error codes, and the OpenAPI document generated from them.
export * from "./common.ts";
export * from "./ruby.ts";
export * from "./pagination.ts";
export * from "./auth.ts";
export * from "./users.ts";
export * from "./work-orders.ts";
export * from "./tasks.ts";
export * from "./deliverables.ts";
export * from "./wellbeing.ts";
export * from "./audit.ts";
export * from "./operations/index.ts";
export * from "./errors.ts";
export * from "./identity.ts";
export * from "./openapi.ts";
export * from "./chat.ts";
export * from "./realtime.ts";
export * from "./follow-through.ts";
export * from "./dispatch.ts";
export * from "./urgent-offers.ts";
export * from "./personal-data.ts";
export * from "./reports.ts";
