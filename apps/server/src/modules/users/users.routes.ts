import { Router } from "express";
import { routes } from "@crewboard/contracts";
import { hashPassword, Prisma } from "@crewboard/db";
import { registerRoute, type RouteDeps } from "../../http/register-route.ts";
import { AppError, invalidField } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { toUserDto } from "./user.mapper.ts";
import { newestFirstPage, pageOf } from "../../http/pagination.ts";

export function userRoutes(deps: RouteDeps): Router {
  const { prisma } = deps;
  const router = Router();

  registerRoute(router, deps, routes.getMe, async ({ user }) => {
    const me = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    return { user: toUserDto(me) };
  });

  registerRoute(router, deps, routes.updateMe, async ({ user, actor, body }) => {
    const updated = await prisma.$transaction(async (tx) => {
      const current = await tx.user.findUniqueOrThrow({ where: { id: user.id } });
      const accessibility = body.accessibility
        ? { ...(current.accessibility as object), ...body.accessibility }
        : undefined;
      const next = await tx.user.update({
        where: { id: user.id },
        data: { locale: body.locale, accessibility },
      });
      await recordAudit(tx, actor, { action: "user.update_settings", entityType: "user", entityId: user.id, metadata: { fields: Object.keys(body) } });
      return next;
    });
    return { user: toUserDto(updated) };
  });

  registerRoute(router, deps, routes.listUsers, async ({ query }) => {
    const page = newestFirstPage(query);
    const rows = await prisma.user.findMany({
      where: { AND: [{ role: query.role, clientCompanyId: query.clientCompanyId, active: query.active }, page.where] },
      orderBy: page.orderBy,
      take: page.take,
    });
    return pageOf(rows, query.limit, toUserDto);
  });

  registerRoute(router, deps, routes.getUser, async ({ params, actor }) => {
    const found = await prisma.user.findUnique({ where: { id: params.id } });
    if (!found) throw new AppError("user.not_found");
    // A profile carries accessibility preferences: a sensitive read, so it is audited.
    await recordAudit(prisma, actor, { action: "user.read_profile", entityType: "user", entityId: found.id });
    return toUserDto(found);
  });

  registerRoute(router, deps, routes.createUser, async ({ body, actor }) => {
    const passwordHash = await hashPassword(body.password);
    return prisma.$transaction(async (tx) => {
      if (body.clientCompanyId && !(await tx.clientCompany.findUnique({ where: { id: body.clientCompanyId } }))) {
        throw invalidField("body.clientCompanyId", "no such client company");
      }
      if (body.teamId && !(await tx.team.findUnique({ where: { id: body.teamId } }))) {
        throw invalidField("body.teamId", "no such team");
      }
      if (await tx.user.findUnique({ where: { email: body.email } })) {
        throw new AppError("user.email_taken", { errors: [{ path: "body.email", message: "already in use" }] });
      }
      const created = await tx.user.create({
        data: {
          email: body.email,
          name: body.name,
          passwordHash,
          role: body.role,
          locale: body.locale,
          workStyle: body.workStyle ?? null,
          skills: body.skills,
          clientCompanyId: body.clientCompanyId ?? null,
          teamId: body.teamId ?? null,
        },
      });
      await recordAudit(tx, actor, { action: "user.create", entityType: "user", entityId: created.id, metadata: { role: created.role } });
      return toUserDto(created);
    });
  });

  registerRoute(router, deps, routes.updateUser, async ({ params, body, actor, events }) => {
    const passwordHash = body.password ? await hashPassword(body.password) : undefined;
    return prisma.$transaction(async (tx) => {
      const current = await tx.user.findUnique({ where: { id: params.id } });
      if (!current) throw new AppError("user.not_found");
      if (body.active === false && current.id === actor.user.id) {
        throw invalidField("body.active", "you cannot deactivate yourself");
      }
      if (body.workStyle && current.role !== "crew") throw invalidField("body.workStyle", "only crew members have a work style");
      if (body.teamId && !(await tx.team.findUnique({ where: { id: body.teamId } }))) {
        throw invalidField("body.teamId", "no such team");
      }
      const data: Prisma.UserUpdateInput = {
        name: body.name,
        locale: body.locale,
        workStyle: body.workStyle,
        skills: body.skills,
        passwordHash,
        ...(body.teamId !== undefined ? { team: body.teamId ? { connect: { id: body.teamId } } : { disconnect: true } } : {}),
        ...(body.active !== undefined ? { active: body.active, deactivatedAt: body.active ? null : new Date() } : {}),
      };
      const updated = await tx.user.update({ where: { id: current.id }, data });
      // Deactivating, or changing the password, ends every session of that user at once.
      if (body.active === false || passwordHash) {
        await tx.session.deleteMany({ where: { userId: current.id } });
        events.disconnectUser(current.id); // their open connections end too
      }
      await recordAudit(tx, actor, {
        action: body.active === false ? "user.deactivate" : "user.update",
        entityType: "user",
        entityId: current.id,
        metadata: { fields: Object.keys(body).filter((k) => k !== "password") },
      });
      return toUserDto(updated);
    });
  });

  registerRoute(router, deps, routes.listCrew, async () => {
    const crew = await prisma.user.findMany({
      where: { role: "crew", active: true },
      select: { id: true, name: true, role: true, workStyle: true },
      orderBy: { name: "asc" },
    });
    return { items: crew };
  });

  return router;
}
