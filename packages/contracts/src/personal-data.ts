// Issue 15, personal data kept only as long as needed (Japan's APPI): exporting one person's data
// (their right to disclosure), erasing a departed crew member's, and a client company's data when
// its contract ends. The exports are files (JSON, or a zip of CSVs); erasing answers what it did.
import * as z from "zod";
import { User } from "./users.ts";

/** How many rows of each kind an erasure removed or overwrote (never the values themselves). */
export const ErasureCounts = z.record(z.string(), z.number().int().min(0)).meta({ id: "ErasureCounts" });
export type ErasureCounts = z.infer<typeof ErasureCounts>;

export const EraseUserDataResponse = z
  .object({
    /** the account as it is now: placeholder name and email, deactivated, `erasedAt` set */
    user: User,
    counts: ErasureCounts,
  })
  .meta({ id: "EraseUserDataResponse" });
export type EraseUserDataResponse = z.infer<typeof EraseUserDataResponse>;

/** The name every erased person is shown under, in the reader's language (work records keep it). */
export const ERASED_PERSON_NAME = { ja: "退職したメンバー", en: "Former member" } as const;
