// React Query keys, made only here: the live layer (lib/live.ts) finds cached lists and details
// by these shapes to apply realtime events to them. A screen that caches API data under another
// key gets no live updates.
//
// Lists keep their filter params as the key's last element, so that a created or updated item
// is added to, kept in or removed from each cached list according to that list's own filters.
//
// A list's furigana (`ruby`, issue 9) comes only when asked (`ruby=true`, issue 14: a third of a
// board page's bytes): a screen asks while the user has easy-read on, through withReadings, and the
// param is part of its key, so turning easy-read on refetches the lists with their readings. It is
// not a filter: the live layer's matching (packages/domain matchesListQuery) ignores it.
import type { AccessibilityPreferences, QueryOf } from "./api.ts";

/**
 * Whether the user's lists ask for furigana: their saved easy-read preference, as the session
 * answer holds it (Settings updates that answer at once), so that the startup prefetch
 * (app/startup.ts) and the screen build the same key.
 */
export function wantsReadings(user: { accessibility?: AccessibilityPreferences | null }): boolean {
  return user.accessibility?.easyRead === true;
}

/** A list's params asking for its furigana when the reader has easy-read on (the key carries it). */
export function withReadings<Q extends object>(params: Q, easyRead: boolean): Q & { ruby?: true } {
  return easyRead ? { ...params, ruby: true } : params;
}

export const queryKeys = {
  me: () => ["me"] as const,
  demo: () => ["auth", "demo"] as const,
  crew: () => ["crew"] as const,

  workOrders: {
    all: () => ["work-orders"] as const,
    lists: () => ["work-orders", "list"] as const,
    /** Page<WorkOrder> or InfiniteData<Page<WorkOrder>> */
    list: (params: QueryOf<"listWorkOrders"> = {}) => ["work-orders", "list", params] as const,
    details: () => ["work-orders", "detail"] as const,
    detail: (id: string) => ["work-orders", "detail", id] as const,
    /** { items: Deliverable[] } */
    deliverables: (id: string) => ["work-orders", "deliverables", id] as const,
    /** { items: Feedback[] } */
    feedback: (id: string) => ["work-orders", "feedback", id] as const,
  },

  tasks: {
    all: () => ["tasks"] as const,
    lists: () => ["tasks", "list"] as const,
    /** Page<Task> or InfiniteData<Page<Task>> */
    list: (params: QueryOf<"listTasks"> = {}) => ["tasks", "list", params] as const,
    details: () => ["tasks", "detail"] as const,
    detail: (id: string) => ["tasks", "detail", id] as const,
    /** Page<ProgressUpdate> or InfiniteData<…>, newest first */
    progress: (taskId: string) => ["tasks", "progress", taskId] as const,
  },

  /** the admin's screens (not live: they refetch after their own changes) */
  admin: {
    all: () => ["admin"] as const,
    /** Page<User> */
    users: (params: QueryOf<"listUsers"> = {}) => ["admin", "users", params] as const,
    /** InfiniteData<Page<User>> of the users page */
    userPages: (params: QueryOf<"listUsers"> = {}) => ["admin", "user-pages", params] as const,
    teams: () => ["admin", "teams"] as const,
    /** InfiniteData<Page<ClientCompany>> of the companies page */
    companies: (params: { active?: boolean; q?: string } = {}) => ["admin", "companies", params] as const,
    /** Page<ClientCompany>: names for the users page */
    companyNames: () => ["admin", "company-names"] as const,
    company: (id: string) => ["admin", "company", id] as const,
    audit: (params: QueryOf<"listAuditEvents"> = {}) => ["admin", "audit", params] as const,
  },

  checkIns: (params: { day?: string; userId?: string } = {}) => ["check-ins", params] as const,

  chat: {
    all: () => ["chat"] as const,
    /** { items: ChatRoomSummary[] } */
    rooms: () => ["chat", "rooms"] as const,
    /** ChatRoomSummary: the last summary of a room the user has left (set by lib/live.ts, never fetched) */
    leftRoom: (roomId: string) => ["chat", "left-room", roomId] as const,
    /** Page<Message> or InfiniteData<Page<Message>>, newest first (as message:history answers) */
    messages: (roomId: string) => ["chat", "messages", roomId] as const,
    presence: () => ["chat", "presence"] as const,
    /** ReplyTime: how long managers usually take to answer */
    replyTime: () => ["chat", "reply-time"] as const,
  },

  // ---- issue 10: urgent offers (kept live by lib/live.ts: urgent_offer:created/updated) ----
  urgentOffers: {
    all: () => ["urgent-offers"] as const,
    lists: () => ["urgent-offers", "list"] as const,
    /** { items: UrgentOffer[] }, newest first */
    list: (params: QueryOf<"listUrgentOffers"> = {}) => ["urgent-offers", "list", params] as const,
  },

  // ---- issue 11: follow-through (refetched when a notification or follow-up event arrives) ----
  notifications: {
    all: () => ["notifications"] as const,
    /** NotificationPage (or its infinite pages) */
    list: (params: { unread?: boolean } = {}) => ["notifications", "list", params] as const,
    /** the bell's count: NotificationPage of one item */
    unread: () => ["notifications", "unread"] as const,
    preferences: () => ["notifications", "preferences"] as const,
  },
  praise: () => ["praise"] as const,
  /** a crew member's accommodations (issue 12), as the reader may see them */
  accommodations: {
    all: () => ["accommodations"] as const,
    of: (userId: string) => ["accommodations", userId] as const,
  },
  followUps: {
    all: () => ["follow-ups"] as const,
    list: (params: { state?: string; workOrderId?: string } = {}) => ["follow-ups", "list", params] as const,
    detail: (id: string) => ["follow-ups", "detail", id] as const,
    stats: () => ["follow-ups", "stats"] as const,
  },
} as const;
