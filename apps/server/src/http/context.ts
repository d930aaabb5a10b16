import type { Request, Response } from "express";
import type { PrismaClient, Role } from "@crewboard/db";
import type { EventBatch } from "../realtime/event-batch.ts";

/** The signed-in user as authorization sees them. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  clientCompanyId: string | null;
  teamId: string | null;
  /** signed in with a one-time password: only the routes marked `beforePasswordChange` answer */
  mustChangePassword: boolean;
}

export interface AuthSession {
  id: string;
  csrfToken: string;
}

declare module "express-serve-static-core" {
  interface Request {
    /** set by the session middleware when a valid session cookie came with the request */
    auth?: { user: AuthUser; session: AuthSession };
  }
}

/** Who did it and from where: written into every audit event. */
export interface Actor {
  user: AuthUser;
  ip: string | null;
  userAgent: string | null;
}

export function actorOf(req: Request, user: AuthUser): Actor {
  return { user, ip: req.ip ?? null, userAgent: req.get("user-agent")?.slice(0, 300) ?? null };
}

export interface HandlerContext<P, Q, B> {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
  prisma: PrismaClient;
  /** events to record inside the handler's transaction; sent after it commits */
  events: EventBatch;
}

export interface AuthedContext<P, Q, B> extends HandlerContext<P, Q, B> {
  user: AuthUser;
  actor: Actor;
}
