// Monthly reports for clients (issue 12). Thin: each route calls its use case.
import { Router } from "express";
import { routes } from "@crewboard/contracts";
import { registerRoute, type RouteDeps } from "../../operations/rest.ts";
import { getClientReport } from "./get-client-report.ts";
import { clientReportCsv, reportFileName } from "./export-client-report.ts";
import { putReportProposal } from "./put-report-proposal.ts";

export function reportsRoutes(deps: RouteDeps): Router {
  const router = Router();
  registerRoute(router, deps, routes.getClientReport, async ({ db, user, params }) =>
    getClientReport(db, { who: user, clientCompanyId: params.id, month: params.month }),
  );
  registerRoute(router, deps, routes.exportClientReport, async ({ db, user, params, res }) => {
    const report = await getClientReport(db, { who: user, clientCompanyId: params.id, month: params.month });
    const me = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { locale: true } });
    const csv = clientReportCsv(report, me.locale === "en" ? "en" : "ja");
    res.status(200);
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="${reportFileName(report)}"`);
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.end(csv);
  });
  registerRoute(router, deps, routes.putReportProposal, async ({ db, actor, params, body }) =>
    putReportProposal(db, { actor, clientCompanyId: params.id, month: params.month, request: body }),
  );
  return router;
}
