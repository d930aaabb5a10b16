// The gate every operation passes first, REST and socket alike: no session → auth.required; a
// one-time password → only what it takes to choose one's own; a role the operation's gate does not
// let through → auth.forbidden. Decided by the access policy's `checkGate`.
import { checkGate } from "@crewboard/domain";
import type { OperationDef, SignedInUser } from "@crewboard/contracts";
import { AppError } from "../errors.ts";

export function passGate(def: OperationDef, user: SignedInUser | undefined): void {
  if (def.gate === "public") return;
  if (!user) throw new AppError("auth.required");
  // A one-time password opens only the door to choosing one's own (and to /me and signing out).
  if (user.mustChangePassword && !def.beforePasswordChange) {
    throw new AppError("auth.password_change_required", {
      detail: "you signed in with a one-time password: choose your own with POST /api/v1/me/password first",
    });
  }
  if (checkGate(def.gate, user) === "forbidden")
    throw new AppError("auth.forbidden", { detail: `${def.operationId} is not open to the role ${user.role}` });
}
