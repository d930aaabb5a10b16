import { Router } from "express";
import { routes } from "@crewboard/contracts";
import { personalAccess, personView } from "@crewboard/domain";
import { registerRoute, type RouteDeps } from "../../http/register-route.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { toMeDto, toUserDto } from "./user.mapper.ts";
import { newestFirstPage, pageOf } from "../../http/pagination.ts";
import { userFilter } from "./list-users.ts";
import { createUser } from "./create-user.ts";
import { updateUser } from "./update-user.ts";
import { resetUserPassword } from "./reset-user-password.ts";

export function userRoutes(deps: RouteDeps): Router {
  const { prisma } = deps;
  const router = Router();

  registerRoute(router, deps, routes.getMe, async ({ user }) => {
    const me = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    return { user: toMeDto(me) };
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
    return { user: toMeDto(updated) };
  });

  registerRoute(router, deps, routes.listUsers, async ({ query }) => {
    const page = newestFirstPage(query);
    const rows = await prisma.user.findMany({
      where: { AND: [userFilter(query), page.where] },
      orderBy: page.orderBy,
      take: page.take,
    });
    // a directory, not a profile: nobody's accessibility needs are in it
    return pageOf(rows, query.limit, (u) => toUserDto(u));
  });

  registerRoute(router, deps, routes.getUser, async ({ user, params, actor }) => {
    const found = await prisma.user.findUnique({ where: { id: params.id } });
    if (!found) throw new AppError("user.not_found");
    // A profile carries the person's accessibility needs for those who may see their own data,
    // and that read is audited; anyone else gets the profile without them.
    const withAccessibility = personalAccess(user, found) === "full";
    if (withAccessibility) await recordAudit(prisma, actor, { action: "user.read_profile", entityType: "user", entityId: found.id });
    return toUserDto(found, { withAccessibility });
  });

  registerRoute(router, deps, routes.createUser, async ({ body, actor }) => {
    const { user, oneTimePassword } = await createUser(prisma, { actor, request: body });
    return { user: toUserDto(user), oneTimePassword };
  });

  registerRoute(router, deps, routes.updateUser, async ({ params, body, actor, events }) =>
    toUserDto(await updateUser(prisma, { actor, userId: params.id, request: body, events })),
  );

  registerRoute(router, deps, routes.resetUserPassword, async ({ params, actor, events }) => {
    const { user, oneTimePassword } = await resetUserPassword(prisma, { actor, userId: params.id, events });
    return { user: toUserDto(user), oneTimePassword };
  });

  registerRoute(router, deps, routes.listTeams, async () => ({
    items: await prisma.team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  }));

  registerRoute(router, deps, routes.listCrew, async ({ user }) => {
    const crew = await prisma.user.findMany({
      where: { role: "crew", active: true },
      select: { id: true, name: true, role: true, workStyle: true },
      orderBy: { name: "asc" },
    });
    // clients see crew by name only
    const colleague = personView(user) === "colleague";
    return { items: crew.map(({ workStyle, ...person }) => (colleague ? { ...person, workStyle } : person)) };
  });

  return router;
}
