// The operation catalogue: every REST route and every Socket.IO client event, each declared once.
import { routes } from "./rest.ts";
import { socketOperations } from "./socket.ts";
import type { OperationDef } from "./types.ts";

export * from "./types.ts";
export * from "./http.ts";
export * from "./rest.ts";
export * from "./socket.ts";

export const operations = { ...routes, ...socketOperations } as const satisfies Record<string, OperationDef>;
export type OperationName = keyof typeof operations;
