// An accommodation as a viewer reads it (issue 12): in full for the person, their own team's
// managers and admins; for another team's manager only the agreed parts the person shared.
import type { Accommodation, AccommodationRevision } from "@crewboard/contracts";
import { ACCOMMODATION_PARTS, type AccommodationPart } from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";

export const accommodationInclude = {
  writtenBy: { select: personSelect },
  requestedBy: { select: personSelect },
  agreedBy: { select: personSelect },
} as const;

export type AccommodationRow = Prisma.AccommodationGetPayload<{ include: typeof accommodationInclude }>;

export const revisionInclude = {
  changedBy: { select: personSelect },
} as const;
export type RevisionRow = Prisma.AccommodationRevisionGetPayload<{ include: typeof revisionInclude }>;

const dayOf = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

type Agreement = Record<AccommodationPart, string>;
const agreementOf = (a: Agreement, only?: readonly AccommodationPart[]): Agreement =>
  Object.fromEntries(ACCOMMODATION_PARTS.map((p) => [p, !only || only.includes(p) ? a[p] : ""])) as Agreement;

export function toAccommodationDto(a: AccommodationRow, view: "full" | "shared" = "full"): Accommodation {
  const shared = a.sharedParts as AccommodationPart[];
  if (view === "shared") {
    // nothing but the parts the person chose to share: no title, request, review or names
    return {
      id: a.id,
      userId: a.userId,
      view,
      title: "",
      note: "",
      requestText: "",
      requestedBy: null,
      requestedAt: null,
      agreement: agreementOf(a, shared),
      reviewOn: null,
      agreedBy: null,
      agreedAt: null,
      sharedParts: shared,
      writtenBy: null,
      version: a.version,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
    };
  }
  return {
    id: a.id,
    userId: a.userId,
    view,
    title: a.title,
    note: a.note,
    requestText: a.requestText,
    requestedBy: a.requestedBy ? toPersonRef(a.requestedBy) : null,
    requestedAt: iso(a.requestedAt),
    agreement: agreementOf(a),
    reviewOn: dayOf(a.reviewOn),
    agreedBy: a.agreedBy ? toPersonRef(a.agreedBy) : null,
    agreedAt: iso(a.agreedAt),
    sharedParts: shared,
    writtenBy: toPersonRef(a.writtenBy),
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function toRevisionDto(
  r: RevisionRow,
  agreedBy: Map<string, AccommodationRow["writtenBy"]>,
): AccommodationRevision {
  const by = r.agreedById ? agreedBy.get(r.agreedById) : undefined;
  return {
    id: r.id,
    accommodationId: r.accommodationId,
    version: r.version,
    changedBy: toPersonRef(r.changedBy),
    changedAt: r.changedAt.toISOString(),
    changedFields: r.changedFields,
    previous: {
      title: r.title,
      note: r.note,
      requestText: r.requestText,
      agreement: agreementOf(r),
      reviewOn: dayOf(r.reviewOn),
      agreedBy: by ? toPersonRef(by) : null,
      agreedAt: iso(r.agreedAt),
      sharedParts: r.sharedParts as AccommodationPart[],
    },
  };
}
