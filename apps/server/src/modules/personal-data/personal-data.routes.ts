import { Router, type Response } from "express";
import { routes } from "@crewboard/contracts";
import { mayExportPersonalData } from "@crewboard/domain";
import { registerRoute, type RestContext, type RouteDeps } from "../../operations/rest.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { toUserDto } from "../users/user.mapper.ts";
import { collectUserData, toCsvZip, toJsonFile } from "./export-user-data.ts";
import { collectClientCompanyData } from "./export-client-company-data.ts";
import { eraseUserData } from "./erase-user-data.ts";

/** "20261130-0105" (UTC): file names stay ASCII, so the plain quoted Content-Disposition is enough. */
const stamp = (at: Date) => at.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");

function sendFile(res: Response, body: string | Uint8Array, type: string, fileName: string) {
  res.status(200);
  res.setHeader("Content-Type", type);
  res.setHeader("Content-Disposition", `attachment; filename="${fileName}"`);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.end(typeof body === "string" ? body : Buffer.from(body));
}

export function personalDataRoutes(deps: RouteDeps): Router {
  const router = Router();

  /** The person themself, or an admin: anyone else is told there is no such person (nothing leaks). */
  const exportFor = async (
    ctx: Pick<RestContext<typeof routes.exportUserData, undefined>, "db" | "user" | "params" | "actor">,
    format: "json" | "csv",
  ) => {
    const { db, user, params, actor } = ctx;
    if (!mayExportPersonalData(user, { id: params.id })) throw new AppError("user.not_found");
    const now = new Date();
    const data = await collectUserData(db, params.id, now);
    // the export is itself audited (who took whose data, in which form), before it is sent
    await recordAudit(db, actor, {
      action: "user.export_personal_data",
      entityType: "user",
      entityId: params.id,
      metadata: { format, self: user.id === params.id },
    });
    // someone else's export holds the person's check-ins and accommodations: audited as those reads
    // too, so that "who looked at my record" (issue 12) shows it
    if (user.id !== params.id)
      for (const action of ["check_in.read", "accommodation.read"] as const)
        await recordAudit(db, actor, {
          action,
          entityType: "user",
          entityId: params.id,
          metadata: { viewerRole: user.role, via: "personal_data_export", format },
        });
    return { data, name: `crewboard-personal-data-${params.id.slice(0, 8)}-${stamp(now)}` };
  };

  registerRoute(router, deps, routes.exportUserData, async (ctx) => {
    const { data, name } = await exportFor(ctx, "json");
    sendFile(ctx.res, toJsonFile(data), "application/json; charset=utf-8", `${name}.json`);
  });

  registerRoute(router, deps, routes.exportUserDataCsv, async (ctx) => {
    const { data, name } = await exportFor(ctx, "csv");
    sendFile(ctx.res, toCsvZip(data), "application/zip", `${name}.zip`);
  });

  registerRoute(router, deps, routes.eraseUserData, async ({ db, params, actor, events }) => {
    const { user, counts } = await eraseUserData(db, { actor, userId: params.id, events });
    return { user: toUserDto(user), counts };
  });

  registerRoute(router, deps, routes.exportClientCompanyData, async ({ db, params, actor, res }) => {
    const now = new Date();
    const data = await collectClientCompanyData(db, params.id, now);
    await recordAudit(db, actor, {
      action: "client_company.export_data",
      entityType: "client_company",
      entityId: params.id,
      metadata: { workOrders: data.workOrders.length, users: data.users.length },
    });
    sendFile(
      res,
      toJsonFile(data),
      "application/json; charset=utf-8",
      `crewboard-company-data-${params.id.slice(0, 8)}-${stamp(now)}.json`,
    );
  });

  return router;
}
