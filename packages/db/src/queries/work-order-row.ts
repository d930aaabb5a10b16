// An order with its company and the people it names, as `findUniqueOrThrow({ include:
// workOrderBaseInclude })` (apps/server/src/modules/work-orders/work-order.mapper.ts) returns it,
// as a subquery a write's own statement can join (issue 14: a progress write read it through Prisma
// after its write, ~1 ms of server CPU in the query engine and its mapping of the relations' JSON).
// The columns are prefixed "wo_" so that they do not meet the columns of the statement they join.
import { Prisma, type ClientCompany, type User, type WorkOrder } from "../generated/prisma/client.ts";

type Person = Pick<User, "id" | "name" | "displayName" | "role">;

/** An order as read with workOrderBaseInclude. */
export type WorkOrderWithPeople = WorkOrder & {
  clientCompany: Pick<ClientCompany, "id" | "name" | "nameEn">;
  createdBy: Person;
  nominatedCrew: Person | null;
  nominationAlternative: Person | null;
};

/** The flat row of workOrderWithPeopleSql: the order's columns and its relations', each "wo_"-prefixed. */
export interface WorkOrderWithPeopleFlat {
  wo_id: string;
  wo_number: number;
  wo_clientCompanyId: string;
  wo_createdById: string;
  wo_title: string;
  wo_description: string;
  wo_links: string[];
  wo_dueAt: Date;
  wo_priority: WorkOrder["priority"];
  wo_status: WorkOrder["status"];
  wo_nominatedCrewId: string | null;
  wo_nominationNote: string | null;
  wo_nominationAnswer: string | null;
  wo_nominationReason: string | null;
  wo_nominationAlternativeId: string | null;
  wo_nominationAnsweredAt: Date | null;
  wo_declineReason: string | null;
  wo_version: number;
  wo_acceptedAt: Date | null;
  wo_deliveredAt: Date | null;
  wo_completedAt: Date | null;
  wo_declinedAt: Date | null;
  wo_ruby: WorkOrder["ruby"];
  wo_createdAt: Date;
  wo_updatedAt: Date;
  wo_companyName: string;
  wo_companyNameEn: string | null;
  wo_cbName: string;
  wo_cbDisplayName: string | null;
  wo_cbRole: User["role"];
  wo_ncName: string | null;
  wo_ncDisplayName: string | null;
  wo_ncRole: User["role"] | null;
  wo_naName: string | null;
  wo_naDisplayName: string | null;
  wo_naRole: User["role"] | null;
}

/** A SELECT of the order `workOrderId` with its people: one WorkOrderWithPeopleFlat row (none if no such order). */
export function workOrderWithPeopleSql(workOrderId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT w."id" AS "wo_id", w."number" AS "wo_number", w."clientCompanyId" AS "wo_clientCompanyId",
           w."createdById" AS "wo_createdById", w."title" AS "wo_title", w."description" AS "wo_description",
           w."links" AS "wo_links", w."dueAt" AS "wo_dueAt", w."priority"::text AS "wo_priority",
           w."status"::text AS "wo_status", w."nominatedCrewId" AS "wo_nominatedCrewId",
           w."nominationNote" AS "wo_nominationNote", w."nominationAnswer" AS "wo_nominationAnswer",
           w."nominationReason" AS "wo_nominationReason", w."nominationAlternativeId" AS "wo_nominationAlternativeId",
           w."nominationAnsweredAt" AS "wo_nominationAnsweredAt", w."declineReason" AS "wo_declineReason",
           w."version" AS "wo_version", w."acceptedAt" AS "wo_acceptedAt", w."deliveredAt" AS "wo_deliveredAt",
           w."completedAt" AS "wo_completedAt", w."declinedAt" AS "wo_declinedAt", w."ruby" AS "wo_ruby",
           w."createdAt" AS "wo_createdAt", w."updatedAt" AS "wo_updatedAt",
           c."name" AS "wo_companyName", c."nameEn" AS "wo_companyNameEn",
           cb."name" AS "wo_cbName", cb."displayName" AS "wo_cbDisplayName", cb."role"::text AS "wo_cbRole",
           nc."name" AS "wo_ncName", nc."displayName" AS "wo_ncDisplayName", nc."role"::text AS "wo_ncRole",
           na."name" AS "wo_naName", na."displayName" AS "wo_naDisplayName", na."role"::text AS "wo_naRole"
      FROM "WorkOrder" w
      JOIN "ClientCompany" c ON c."id" = w."clientCompanyId"
      JOIN "User" cb ON cb."id" = w."createdById"
      LEFT JOIN "User" nc ON nc."id" = w."nominatedCrewId"
      LEFT JOIN "User" na ON na."id" = w."nominationAlternativeId"
     WHERE w."id" = ${workOrderId}::uuid`;
}

/** The nested order of a WorkOrderWithPeopleFlat row (the rest of the row is left out). */
export function workOrderWithPeopleOf(r: WorkOrderWithPeopleFlat): WorkOrderWithPeople {
  return {
    id: r.wo_id,
    number: r.wo_number,
    clientCompanyId: r.wo_clientCompanyId,
    createdById: r.wo_createdById,
    title: r.wo_title,
    description: r.wo_description,
    links: r.wo_links,
    dueAt: r.wo_dueAt,
    priority: r.wo_priority,
    status: r.wo_status,
    nominatedCrewId: r.wo_nominatedCrewId,
    nominationNote: r.wo_nominationNote,
    nominationAnswer: r.wo_nominationAnswer,
    nominationReason: r.wo_nominationReason,
    nominationAlternativeId: r.wo_nominationAlternativeId,
    nominationAnsweredAt: r.wo_nominationAnsweredAt,
    declineReason: r.wo_declineReason,
    version: r.wo_version,
    acceptedAt: r.wo_acceptedAt,
    deliveredAt: r.wo_deliveredAt,
    completedAt: r.wo_completedAt,
    declinedAt: r.wo_declinedAt,
    ruby: r.wo_ruby,
    createdAt: r.wo_createdAt,
    updatedAt: r.wo_updatedAt,
    clientCompany: { id: r.wo_clientCompanyId, name: r.wo_companyName, nameEn: r.wo_companyNameEn },
    createdBy: { id: r.wo_createdById, name: r.wo_cbName, displayName: r.wo_cbDisplayName, role: r.wo_cbRole },
    nominatedCrew:
      r.wo_nominatedCrewId === null
        ? null
        : { id: r.wo_nominatedCrewId, name: r.wo_ncName!, displayName: r.wo_ncDisplayName, role: r.wo_ncRole! },
    nominationAlternative:
      r.wo_nominationAlternativeId === null
        ? null
        : {
            id: r.wo_nominationAlternativeId,
            name: r.wo_naName!,
            displayName: r.wo_naDisplayName,
            role: r.wo_naRole!,
          },
  };
}
