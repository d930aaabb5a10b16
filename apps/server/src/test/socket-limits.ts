// The socket limits of the test apps: tests open many sockets per demo user and send events far
// faster than a person, so the harness raises the limits through the same options an operator
// has (AppDeps.socketLimits). The limit suites (realtime/socket-limits.test.ts) use the defaults.
import type { SocketLimitOptions } from "../realtime/socket-limits.ts";

export const TEST_SOCKET_LIMITS: Partial<SocketLimitOptions> = {
  maxSocketsPerUser: 1_000,
  budgetFactor: 1_000,
  syncMaxRooms: 500,
};
