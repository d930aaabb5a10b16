// The only package that imports Prisma. Everything else reaches the database through here.
export * from "./generated/prisma/client.ts";
export {
  openDatabase,
  withPgClient,
  type Database,
  type DatabaseKind,
  type OpenDatabaseOptions,
  type PoolStats,
} from "./client.ts";
export { applyMigrations, readMigrations, type SqlRunner } from "./migrations.ts";
export { hashPassword, verifyPassword } from "./passwords.ts";
export { seedDemoData, resetDatabase, isDatabaseEmpty, DEMO_PASSWORD, DEMO_ACCOUNTS } from "./seed/index.ts";
export { REPORT_PROPOSAL_BODY, reportMonthOf } from "./seed/monthly-report.ts";
export { COMMITS_BEHIND } from "./queries/transaction-statements.ts";
export { inWriteTransaction, rawRows, type WriteTransaction } from "./queries/direct.ts";
export { findSessionRow, type SessionUser, type SessionWithUser } from "./queries/session-row.ts";
export { findTaskPage, findTaskRow, taskScopeSql, type TaskPageRow } from "./queries/task-page.ts";
export {
  workOrderWithPeopleOf,
  workOrderWithPeopleSql,
  type WorkOrderWithPeople,
  type WorkOrderWithPeopleFlat,
} from "./queries/work-order-row.ts";
