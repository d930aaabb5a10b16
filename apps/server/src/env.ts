// The environment, parsed once at start. Nothing else reads process.env.
import { isIP } from "node:net";
import * as z from "zod";
import { DEFAULT_RETENTION, type RetentionSettings } from "./modules/personal-data/retention.ts";

const PROXY_PRESETS = new Set(["loopback", "linklocal", "uniquelocal"]);

/** One entry of TRUST_PROXY's list: an address, a CIDR range, or one of Express's names for a range. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_PRESETS.has(entry)) return true;
  const [address, bits, ...rest] = entry.split("/");
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * Who may tell the client's address through X-Forwarded-For: nobody (unset, "false", "0"), the
 * number of proxies in front of the instance ("1": the balancer), or a list of the proxies'
 * addresses ("loopback", "10.0.0.5,10.0.1.0/24"). Never every peer: with `true` anyone could pick
 * their own address by sending the header, and get around the per-address sign-in limit.
 */
const TrustProxy = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (value === "" || value === "false") return;
    if (value === "true") {
      ctx.addIssue({
        code: "custom",
        message:
          '"true" would trust X-Forwarded-For from any client (anyone could choose their own address and get around the sign-in limits): ' +
          "give the number of proxies in front of the instance (e.g. 1) or their addresses (e.g. loopback or 10.0.0.5,10.0.1.0/24)",
      });
      return;
    }
    if (/^\d+$/.test(value)) {
      if (Number(value) > 10)
        ctx.addIssue({
          code: "custom",
          message: "a hop count above 10 is surely a mistake (the number of proxies in front of the instance)",
        });
      return;
    }
    const bad = value
      .split(",")
      .map((e) => e.trim())
      .filter((e) => !isProxyEntry(e));
    if (bad.length > 0)
      ctx.addIssue({
        code: "custom",
        message: `not an address, CIDR range or one of loopback/linklocal/uniquelocal: ${bad.join(", ")} (give a hop count such as 1, or a comma-separated list)`,
      });
  })
  .transform((value): number | string[] | false => {
    if (value === "" || value === "false") return false;
    if (/^\d+$/.test(value)) return Number(value) === 0 ? false : Number(value);
    return value.split(",").map((e) => e.trim());
  });

/** a retention period in days: at least one, at most 30 years */
const retentionDays = (fallback: number) => z.coerce.number().int().min(1).max(10_957).default(fallback);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** unset = the embedded PGlite database in CREWBOARD_DATA_DIR */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  CREWBOARD_DATA_DIR: z.string().default(".data"),
  /** used by the realtime layer (scale-out) */
  REDIS_URL: z.string().optional(),
  /** "true" loads the demo data when the database is empty; default: only in embedded mode */
  CREWBOARD_DEMO: z.enum(["true", "false"]).optional(),
  /** set when served over https (adds the Secure flag to the session cookie) */
  COOKIE_SECURE: z.enum(["true", "false"]).default("false"),
  /** sessions end after this long without anything the user does (requests and socket events they send) */
  CREWBOARD_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(2)
    .max(7 * 24 * 60)
    .default(60),
  /** and this long after sign-in, whatever they do */
  CREWBOARD_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 24)
    .default(24),
  /** behind a load balancer: whose X-Forwarded-For to trust, as a hop count or a list of proxies (see TrustProxy) */
  TRUST_PROXY: TrustProxy.default(false),
  /** sign-in limits (issue 13): failed sign-ins per account across addresses, and per address across emails, per window */
  CREWBOARD_LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(100_000).default(10),
  CREWBOARD_LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(30),
  CREWBOARD_LOGIN_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** connections one user may hold per instance (load tests raise it; there is no other bypass) */
  CREWBOARD_MAX_SOCKETS_PER_USER: z.coerce.number().int().min(1).max(1_000_000).default(20),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** how often each instance looks for due jobs (deadlines, reminders), in milliseconds */
  CREWBOARD_JOB_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(2_000),
  NODE_ENV: z.string().default("development"),
  /** on SIGTERM: how long readiness answers 503 before the server stops accepting connections (time for a balancer to notice) */
  CREWBOARD_DRAIN_DELAY_MS: z.coerce.number().int().min(0).max(300_000).default(0),
  /** on SIGTERM: the process exits within this time, whatever is still in flight */
  CREWBOARD_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(10_000),
  /** turns on GET /metrics on the app's port, answered only with `Authorization: Bearer <token>` */
  METRICS_TOKEN: z.string().min(16, "use at least 16 characters").optional(),
  /** serves /metrics on a port of its own instead (on METRICS_HOST) */
  METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  METRICS_HOST: z.string().default("127.0.0.1"),
  /** issue 10: minutes the managers have to act on an urgent offer nobody took before the client is told */
  CREWBOARD_UNSTAFFED_NOTICE_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(15),
  /** issue 9: furigana for easy-read Japanese (a reading dictionary of ~280 MiB, in a worker thread started on first need); "off" saves the memory */
  CREWBOARD_FURIGANA: z.enum(["on", "off"]).default("on"),
  /** issue 14: minutes without a furigana request after which the reading worker ends and its dictionary's memory goes */
  CREWBOARD_FURIGANA_IDLE_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(5),
  // ---- issue 11: email ----
  /** SMTP server for email (smtp://user:pass@host:587, smtps://… for TLS); unset: no email is sent */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  /** the sender of Crewboard's emails, e.g. "Crewboard <crewboard@example.co.jp>" */
  SMTP_FROM: z.string().min(3).optional(),
  /** where the app is reached from outside, for links in emails (e.g. https://crewboard.example.co.jp) */
  CREWBOARD_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  // issue 15: how long personal data is kept, in days (README "Personal data and retention")
  RETENTION_CHECK_IN_NOTE_DAYS: retentionDays(DEFAULT_RETENTION.checkInNoteDays),
  RETENTION_CHECK_IN_DAYS: retentionDays(DEFAULT_RETENTION.checkInDays),
  RETENTION_ACCOMMODATION_DAYS_AFTER_LEAVING: retentionDays(DEFAULT_RETENTION.accommodationDaysAfterLeaving),
  RETENTION_CHAT_DAYS: retentionDays(DEFAULT_RETENTION.chatDays),
  RETENTION_AUDIT_DAYS: retentionDays(DEFAULT_RETENTION.auditDays),
  RETENTION_NOTIFICATION_DAYS: retentionDays(DEFAULT_RETENTION.notificationDays),
  RETENTION_EMAIL_OUTBOX_DAYS: retentionDays(DEFAULT_RETENTION.emailOutboxDays),
  RETENTION_SESSION_DAYS_AFTER_EXPIRY: retentionDays(DEFAULT_RETENTION.sessionDaysAfterExpiry),
  RETENTION_IDEMPOTENCY_KEY_DAYS: retentionDays(DEFAULT_RETENTION.idempotencyKeyDays),
});

export interface Env {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  /** load demo data into an empty database at start, and list demo logins on the sign-in page */
  demoMode: boolean;
  cookieSecure: boolean;
  /** idle and absolute session timeouts (modules/auth/sessions.ts) */
  sessionTimeouts: { idleMs: number; absoluteMs: number };
  /** Express's "trust proxy": a hop count, a list of proxy addresses/ranges, or false (never true) */
  trustProxy: number | string[] | false;
  /** sign-in limits (http/login-limits.ts) */
  loginRateLimit: { limit: number; perAddressLimit: number; windowMs: number };
  /** socket limits (realtime/socket-limits.ts) */
  socketLimits: { maxSocketsPerUser: number };
  logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
  jobPollMs: number;
  drainDelayMs: number;
  shutdownTimeoutMs: number;
  metricsToken: string | undefined;
  metricsPort: number | undefined;
  metricsHost: string;
  /** issue 10: CREWBOARD_UNSTAFFED_NOTICE_MINUTES */
  unstaffedNoticeMinutes: number;
  /** issue 9: compute furigana (CREWBOARD_FURIGANA) */
  furigana: boolean;
  /** issue 14: CREWBOARD_FURIGANA_IDLE_MINUTES */
  furiganaIdleMs: number;
  /** email (issue 11): off when smtpUrl is unset */
  email: { smtpUrl: string | undefined; from: string | undefined; publicUrl: string | undefined };
  /** issue 15: RETENTION_* */
  retention: RetentionSettings;
}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.CREWBOARD_DATA_DIR,
    redisUrl: e.REDIS_URL,
    demoMode: e.CREWBOARD_DEMO ? e.CREWBOARD_DEMO === "true" : !e.DATABASE_URL,
    cookieSecure: e.COOKIE_SECURE === "true",
    sessionTimeouts: {
      idleMs: e.CREWBOARD_SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: e.CREWBOARD_SESSION_MAX_HOURS * 60 * 60_000,
    },
    trustProxy: e.TRUST_PROXY,
    loginRateLimit: {
      limit: e.CREWBOARD_LOGIN_FAILURES_PER_ACCOUNT,
      perAddressLimit: e.CREWBOARD_LOGIN_FAILURES_PER_ADDRESS,
      windowMs: e.CREWBOARD_LOGIN_WINDOW_MINUTES * 60_000,
    },
    socketLimits: { maxSocketsPerUser: e.CREWBOARD_MAX_SOCKETS_PER_USER },
    logLevel: e.LOG_LEVEL,
    jobPollMs: e.CREWBOARD_JOB_POLL_MS,
    drainDelayMs: e.CREWBOARD_DRAIN_DELAY_MS,
    shutdownTimeoutMs: e.CREWBOARD_SHUTDOWN_TIMEOUT_MS,
    metricsToken: e.METRICS_TOKEN,
    metricsPort: e.METRICS_PORT,
    metricsHost: e.METRICS_HOST,
    unstaffedNoticeMinutes: e.CREWBOARD_UNSTAFFED_NOTICE_MINUTES,
    furigana: e.CREWBOARD_FURIGANA === "on",
    furiganaIdleMs: e.CREWBOARD_FURIGANA_IDLE_MINUTES * 60_000,
    email: { smtpUrl: e.SMTP_URL, from: e.SMTP_FROM, publicUrl: e.CREWBOARD_PUBLIC_URL },
    retention: {
      checkInNoteDays: e.RETENTION_CHECK_IN_NOTE_DAYS,
      checkInDays: e.RETENTION_CHECK_IN_DAYS,
      accommodationDaysAfterLeaving: e.RETENTION_ACCOMMODATION_DAYS_AFTER_LEAVING,
      chatDays: e.RETENTION_CHAT_DAYS,
      auditDays: e.RETENTION_AUDIT_DAYS,
      notificationDays: e.RETENTION_NOTIFICATION_DAYS,
      emailOutboxDays: e.RETENTION_EMAIL_OUTBOX_DAYS,
      sessionDaysAfterExpiry: e.RETENTION_SESSION_DAYS_AFTER_EXPIRY,
      idempotencyKeyDays: e.RETENTION_IDEMPOTENCY_KEY_DAYS,
    },
  };
}
