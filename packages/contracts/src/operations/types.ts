// What every operation of the catalogue declares, REST route or Socket.IO event alike: who may call
// it (the gate of the access policy), what it takes and gives (zod schemas), the errors it may
// answer beyond the generic ones, and the room events it may record. The server registers exactly
// these; the OpenAPI document, the access matrix and the event matrix are generated from them.
import type * as z from "zod";
import type { GateName } from "@crewboard/domain";
import type { ErrorCode } from "../errors.ts";
import type { SequencedEventName } from "../realtime.ts";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

interface OperationBase {
  summary: string;
  tag: string;
  /** who may call it at all (packages/domain/src/policy/gates.ts); what they may see is the use case's to ask */
  gate: GateName;
  /** the errors of this operation besides GENERIC_ERRORS (errors.ts) */
  errors?: readonly ErrorCode[];
  /** the room events it may record (the event matrix checks it records no other) */
  emits?: readonly SequencedEventName[];
  /**
   * May be called by a user who signed in with a one-time password and has not chosen their own
   * yet. Every other operation answers them 403 `auth.password_change_required`.
   */
  beforePasswordChange?: true;
}

export interface RestOperation extends OperationBase {
  transport: "rest";
  /** the operation's name, also its OpenAPI operationId */
  operationId: string;
  method: HttpMethod;
  /** Express-style path under /api/v1, e.g. /work-orders/:id */
  path: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** the body may also come as multipart/form-data (file upload) */
  multipart?: boolean;
  /** success status and body; `null` body for 204 or a file download */
  status: number;
  response: z.ZodType | null;
  /** the response is a file (binary) rather than JSON; its media type when not octet-stream */
  binary?: boolean | { mediaType: string };
}

export interface SocketOperation extends OperationBase {
  transport: "socket";
  operationId: string;
  /** the client event's name, `entity:verb` */
  event: string;
  payload: z.ZodType;
  /** it changes something: it runs in one transaction, and its events are published after the commit */
  write?: true;
  /** the client may emit it without waiting for an acknowledgement (typing) */
  ackOptional?: true;
}

export type OperationDef = RestOperation | SocketOperation;
