// The signed-in user as both transports see them: REST handlers (req.auth) and sockets
// (socket.data) carry the same identity, and every rule of the access policy takes it.
import type { Identity } from "@crewboard/domain";

export interface SignedInUser extends Identity {
  email: string;
  name: string;
  /** how clients see them (the chosen display name, or the name's first word) */
  displayName: string;
  /** signed in with a one-time password: only the operations marked `beforePasswordChange` answer */
  mustChangePassword: boolean;
}
