import { Router } from "express";
import { routes } from "@crewboard/contracts";
import { mayChangeTeamSettings, personalAccess, personView } from "@crewboard/domain";
import { registerPreparedRoute, registerRoute, type RouteDeps } from "../../operations/rest.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { personSelect, toMeDto, toPersonRef, toUserDto } from "./user.mapper.ts";
import { newestFirstPage, pageOf } from "../../http/pagination.ts";
import { userFilter } from "./list-users.ts";
import { createUser } from "./create-user.ts";
import { updateUser } from "./update-user.ts";
import { resetUserPassword } from "./reset-user-password.ts";
import { newOneTimePassword } from "./one-time-password.ts";
import { updateTeam } from "./update-team.ts";

export function userRoutes(deps: RouteDeps): Router {
  const router = Router();

  registerRoute(router, deps, routes.getMe, async ({ db, user }) => {
    const me = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    return { user: toMeDto(me) };
  });

  registerRoute(router, deps, routes.updateMe, async ({ db, user, actor, body }) => {
    const current = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    const accessibility = body.accessibility
      ? { ...(current.accessibility as object), ...body.accessibility }
      : undefined;
    // the display name (issue 12) is chosen by the person; admins may change it too (updateUser)
    const updated = await db.user.update({
      where: { id: user.id },
      data: { locale: body.locale, accessibility, displayName: body.displayName },
    });
    await recordAudit(db, actor, {
      action: "user.update_settings",
      entityType: "user",
      entityId: user.id,
      metadata: { fields: Object.keys(body) },
    });
    return { user: toMeDto(updated) };
  });

  registerRoute(router, deps, routes.listUsers, async ({ db, query }) => {
    const page = newestFirstPage(query);
    const rows = await db.user.findMany({
      where: { AND: [userFilter(query), page.where] },
      orderBy: page.orderBy,
      take: page.take,
    });
    // a directory, not a profile: nobody's accessibility needs are in it
    return pageOf(rows, query.limit, (u) => toUserDto(u));
  });

  registerRoute(router, deps, routes.getUser, async ({ db, user, params, actor }) => {
    const found = await db.user.findUnique({ where: { id: params.id } });
    if (!found) throw new AppError("user.not_found");
    // A profile carries the person's accessibility needs for those who may see their own data,
    // and that read is audited; anyone else gets the profile without them.
    const withAccessibility = personalAccess(user, found) === "full";
    if (withAccessibility)
      await recordAudit(db, actor, { action: "user.read_profile", entityType: "user", entityId: found.id });
    return toUserDto(found, { withAccessibility });
  });

  // the one-time password is hashed before the write's transaction opens
  registerPreparedRoute(router, deps, routes.createUser, newOneTimePassword, async ({ db, body, actor, prepared }) => {
    const { user, oneTimePassword } = await createUser(db, { actor, request: body, oneTimePassword: prepared });
    return { user: toUserDto(user), oneTimePassword };
  });

  registerRoute(router, deps, routes.updateUser, async ({ db, params, body, actor, events }) =>
    toUserDto(await updateUser(db, { actor, userId: params.id, request: body, events })),
  );

  registerPreparedRoute(
    router,
    deps,
    routes.resetUserPassword,
    newOneTimePassword,
    async ({ db, params, actor, events, prepared }) => {
      const { user, oneTimePassword } = await resetUserPassword(db, {
        actor,
        userId: params.id,
        events,
        oneTimePassword: prepared,
      });
      return { user: toUserDto(user), oneTimePassword };
    },
  );

  registerRoute(router, deps, routes.listTeams, async ({ db }) => ({
    items: await db.team.findMany({ select: { id: true, name: true, checkInBy: true }, orderBy: { name: "asc" } }),
  }));

  // issue 12: a team's "not checked in by" time — admins, and the team's own managers
  registerRoute(router, deps, routes.updateTeam, async ({ db, actor, params, body }) => {
    const team = await db.team.findUnique({ where: { id: params.id }, select: { id: true } });
    if (!team) throw new AppError("resource.not_found", { detail: "no such team" });
    if (!mayChangeTeamSettings(actor.user, team.id))
      throw new AppError("auth.forbidden", { detail: "a team's settings are its own managers' and the admins'" });
    return updateTeam(db, { actor, teamId: team.id, checkInBy: body.checkInBy });
  });

  registerRoute(router, deps, routes.listCrew, async ({ db, user }) => {
    const crew = await db.user.findMany({
      where: { role: "crew", active: true },
      select: { ...personSelect, workStyle: true },
      orderBy: { name: "asc" },
    });
    // clients see crew by display name only (the answer is rewritten for them: access/client-view.ts)
    const colleague = personView(user) === "colleague";
    return {
      items: crew.map(({ workStyle, ...person }) =>
        colleague ? { ...toPersonRef(person), workStyle } : toPersonRef(person),
      ),
    };
  });

  return router;
}
