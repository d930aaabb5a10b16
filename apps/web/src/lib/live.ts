// Realtime events → React Query caches. Installed once for the signed-in app
// (useLiveCacheSync in app/SignedInLayout), so every screen that reads through the query keys of
// lib/query-keys.ts stays live without code of its own:
//
// - work_order:created/updated, task:created/updated (and the task inside progress:created):
//   replaced by id in every cached list and detail; added to the lists whose filters it matches,
//   removed from those whose filters it no longer matches. The filters are the server's own, defined
//   once in packages/domain (list-queries.ts: matchesListQuery), so a list here holds what the
//   server would list.
//   An older version never overwrites a newer one (events may be replayed after a reconnect).
// - task:removed: removed from every task list (its detail is refetched: access may be gone).
// - progress:created: into the task's progress history.
// - deliverable:created, feedback:created: into the work order's lists; deliverable:released (the
//   order was delivered): replaced where it is (staff and crew now see it shown to the client),
//   added where it is new (the client's first word of it).
// Items are added where they belong by time, as the server orders its lists: (createdAt, id),
// newest first (oldest first for deliverables and feedback) — never just at the top, since a
// replayed or late event may be older than what is shown. An item that belongs after the last
// loaded row of a list with more pages is left to the next page, so it never shows twice.
// - message:created/updated: into the room's message cache (replacing the sender's pending copy
//   with the same clientKey); chat_room:updated: replaced in the rooms list (or removed from it
//   when the user is no longer a member).
// - a room `reset` (missed too much to replay): the data that room feeds is refetched.
//
// Screens that want to do more (announce, highlight) use useLiveEvent().
import { useEffect, useRef, useSyncExternalStore } from "react";
import { useQueryClient, type InfiniteData, type QueryClient, type QueryKey } from "@tanstack/react-query";
import type { CheckInLive, SequencedEventName } from "@crewboard/contracts";
import type {
  CheckIn,
  ChatRoomSummary,
  Deliverable,
  Feedback,
  QueryOf,
  Message,
  Page,
  ProgressUpdate,
  Task,
  UrgentOffer,
  WorkOrder,
} from "./api.ts";
import {
  companyDay,
  compareByCreation,
  compareNewestFirst,
  listsChatRoom,
  matchesListQuery,
  parseRoom,
  TASK_LIST_FILTERS,
  WORK_ORDER_LIST_FILTERS,
  type ListFacts,
} from "@crewboard/domain";
import { queryKeys } from "./query-keys.ts";
import {
  liveClient,
  type EnvelopeInfo,
  type EphemeralEventName,
  type EphemeralPayload,
  type LiveClient,
  type LiveEnvelope,
  type SocketStatus,
} from "./socket.ts";

export interface LiveContext {
  /** the signed-in user's id ("me" in task filters) */
  userId: string;
}

type Listish<T> = Page<T> | { items: T[] } | InfiniteData<Page<T>>;

function isInfinite<T>(data: Listish<T>): data is InfiniteData<Page<T>> {
  return typeof data === "object" && data !== null && "pages" in data && Array.isArray(data.pages);
}

function mapItems<T>(data: Listish<T> | undefined, fn: (items: T[], pageIndex: number) => T[]): Listish<T> | undefined {
  if (!data) return data;
  if (isInfinite(data)) {
    let changed = false;
    const pages = data.pages.map((page, index) => {
      const items = fn(page.items, index);
      if (items === page.items) return page;
      changed = true;
      return { ...page, items };
    });
    return changed ? { ...data, pages } : data;
  }
  if (!("items" in data) || !Array.isArray(data.items)) return data;
  const items = fn(data.items, 0);
  return items === data.items ? data : { ...data, items };
}

function findIn<T extends { id: string }>(data: Listish<T> | undefined, id: string): T | undefined {
  if (!data) return undefined;
  const pages = isInfinite(data) ? data.pages : "items" in data ? [data] : [];
  for (const page of pages) {
    const found = page.items?.find((item) => item.id === id);
    if (found) return found;
  }
  return undefined;
}

/** Is `incoming` at least as new as `cached`? (version first, then updatedAt) */
function isNewer(
  incoming: { version?: number; updatedAt?: string },
  cached: { version?: number; updatedAt?: string } | undefined,
): boolean {
  if (!cached) return true;
  if (incoming.version !== undefined && cached.version !== undefined && incoming.version !== cached.version) {
    return incoming.version > cached.version;
  }
  if (incoming.updatedAt && cached.updatedAt) return incoming.updatedAt >= cached.updatedAt;
  return true;
}

/** How a list is ordered: the server's (createdAt, id), newest or oldest first. */
export type ListOrder = "newest" | "oldest";

type Timed = { id: string; createdAt: string };

/**
 * Inserts `item` where it belongs by (createdAt, id) among the loaded pages. When it belongs after
 * the last loaded row and the list has more pages, it is left out: that page will bring it.
 */
export function insertByTime<T extends Timed>(data: Listish<T>, item: T, order: ListOrder): Listish<T> {
  const compare = order === "newest" ? compareNewestFirst : compareByCreation;
  const pages = isInfinite(data)
    ? data.pages
    : "items" in data && Array.isArray(data.items)
      ? [data as Page<T> | { items: T[] }]
      : [];
  for (let index = 0; index < pages.length; index++) {
    const items = pages[index]!.items;
    const at = items.findIndex((x) => compare(item, x) < 0);
    if (at >= 0)
      return (
        mapItems(data, (list, pageIndex) =>
          pageIndex === index ? [...list.slice(0, at), item, ...list.slice(at)] : list,
        ) ?? data
      );
  }
  const last = pages[pages.length - 1];
  const hasMore = Boolean(last && "nextCursor" in last && last.nextCursor);
  if (hasMore) return data;
  const lastIndex = Math.max(0, pages.length - 1);
  return mapItems(data, (list, pageIndex) => (pageIndex === lastIndex ? [...list, item] : list)) ?? data;
}

/**
 * Puts `item` into one cached list: replaced where it is, removed when it no longer matches the
 * list's filters, added where it belongs by time when it now matches.
 */
function upsert<T extends Timed & { version?: number; updatedAt?: string }>(
  data: Listish<T> | undefined,
  item: T,
  matches: boolean,
  order: ListOrder = "newest",
): Listish<T> | undefined {
  if (!data) return data;
  const existing = findIn(data, item.id);
  if (existing && !isNewer(item, existing)) return data;
  if (existing) {
    return mapItems(data, (items) =>
      matches ? items.map((x) => (x.id === item.id ? item : x)) : items.filter((x) => x.id !== item.id),
    );
  }
  if (!matches) return data;
  return insertByTime(data, item, order);
}

function removeFrom<T extends { id: string }>(data: Listish<T> | undefined, id: string): Listish<T> | undefined {
  return mapItems(data, (items) => (items.some((x) => x.id === id) ? items.filter((x) => x.id !== id) : items));
}

function listParams<P>(key: QueryKey): P {
  return (key[2] ?? {}) as P;
}

/** A work order as the list filters see it (packages/domain list-queries.ts, the server's own filters). */
function workOrderFacts(order: WorkOrder): ListFacts<typeof WORK_ORDER_LIST_FILTERS> {
  return {
    status: order.status,
    clientCompanyId: order.clientCompany.id,
    priority: order.priority,
    title: order.title,
  };
}

/** A task as the list filters see it. */
function taskFacts(task: Task): ListFacts<typeof TASK_LIST_FILTERS> {
  return {
    workOrderId: task.workOrder.id,
    assigneeId: task.assignee?.id ?? null,
    status: task.status,
    dueAt: task.dueAt,
    revisionRequest: task.revisionRequest,
  };
}

export function applyWorkOrder(client: QueryClient, order: WorkOrder): void {
  for (const [key, data] of client.getQueriesData<Listish<WorkOrder>>({ queryKey: queryKeys.workOrders.lists() })) {
    const matches = matchesListQuery(
      WORK_ORDER_LIST_FILTERS,
      listParams<QueryOf<"listWorkOrders">>(key),
      workOrderFacts(order),
    );
    const next = upsert(data, order, matches);
    if (next !== data) client.setQueryData(key, next);
  }
  client.setQueryData<WorkOrder>(queryKeys.workOrders.detail(order.id), (cached) =>
    cached && !isNewer(order, cached) ? cached : cached ? order : undefined,
  );
}

export function applyTask(client: QueryClient, task: Task, context: LiveContext): void {
  for (const [key, data] of client.getQueriesData<Listish<Task>>({ queryKey: queryKeys.tasks.lists() })) {
    const matches = matchesListQuery(TASK_LIST_FILTERS, listParams<QueryOf<"listTasks">>(key), taskFacts(task), {
      id: context.userId,
    });
    const next = upsert(data, task, matches);
    if (next !== data) client.setQueryData(key, next);
  }
  client.setQueryData<Task>(queryKeys.tasks.detail(task.id), (cached) =>
    cached && !isNewer(task, cached) ? cached : cached ? task : undefined,
  );
}

/**
 * An urgent offer (issue 10) into every cached list of offers whose filters it matches (status,
 * task, waiting for a manager), newest first. A crew member's copy says only what they may see.
 */
export function applyUrgentOffer(client: QueryClient, offer: UrgentOffer): void {
  for (const [key, data] of client.getQueriesData<Listish<UrgentOffer>>({ queryKey: queryKeys.urgentOffers.lists() })) {
    const params = listParams<QueryOf<"listUrgentOffers">>(key) ?? {};
    const matches =
      (!params.status || params.status.includes(offer.status)) &&
      (!params.taskId || params.taskId === offer.task.id) &&
      (params.awaitingManager === undefined || params.awaitingManager === offer.awaitingManager);
    const next = upsert(data, offer, matches);
    if (next !== data) client.setQueryData(key, next);
  }
}

export function removeTask(client: QueryClient, taskId: string): void {
  for (const [key, data] of client.getQueriesData<Listish<Task>>({ queryKey: queryKeys.tasks.lists() })) {
    const next = removeFrom(data, taskId);
    if (next !== data) client.setQueryData(key, next);
  }
  void client.invalidateQueries({ queryKey: queryKeys.tasks.detail(taskId) });
}

function addTo<T extends Timed>(client: QueryClient, key: QueryKey, item: T, order: ListOrder): void {
  client.setQueryData<Listish<T>>(
    key,
    (data) =>
      upsert(data as Listish<T & { version?: number }> | undefined, item, true, order) as Listish<T> | undefined,
  );
}

export function applyMessage(client: QueryClient, message: Message): void {
  client.setQueryData<Listish<Message>>(queryKeys.chat.messages(message.roomId), (data) => {
    if (!data) return data;
    // The sender's own copy may be cached under a temporary id with the same clientKey.
    const pending = message.clientKey ? findByClientKey(data, message.clientKey) : undefined;
    if (pending && pending.id !== message.id) {
      return mapItems(data, (items) => items.map((x) => (x.clientKey === message.clientKey ? message : x)));
    }
    const existing = findIn(data, message.id);
    if (existing) return mapItems(data, (items) => items.map((x) => (x.id === message.id ? message : x)));
    // message:history pages are newest first
    return insertByTime(data, message, "newest");
  });
}

function findByClientKey(data: Listish<Message>, clientKey: string): Message | undefined {
  const pages = isInfinite(data) ? data.pages : "items" in data ? [data] : [];
  for (const page of pages) {
    const found = page.items.find((m) => m.clientKey === clientKey);
    if (found) return found;
  }
  return undefined;
}

/**
 * A room's new summary. A room the user is no longer in (a support room another manager took)
 * leaves the list at once — the rule the server's list follows too (domain listsChatRoom) — and
 * its last summary is kept under chat.leftRoom, so a conversation still open says why it closed.
 */
export function applyChatRoom(client: QueryClient, room: ChatRoomSummary, userId: string): void {
  const listed = listsChatRoom(room, { id: userId });
  client.setQueryData<{ items: ChatRoomSummary[] }>(queryKeys.chat.rooms(), (data) => {
    if (!data) return data;
    const exists = data.items.some((r) => r.id === room.id);
    if (!listed) return exists ? { ...data, items: data.items.filter((r) => r.id !== room.id) } : data;
    // A broadcast summary carries unread 0 (it is not per viewer): keep this user's own count.
    return {
      ...data,
      items: exists
        ? data.items.map((r) => (r.id === room.id ? { ...room, unread: r.unread } : r))
        : [room, ...data.items],
    };
  });
  if (!listed) client.setQueryData<ChatRoomSummary>(queryKeys.chat.leftRoom(room.id), { ...room, unread: 0 });
}

/**
 * check_in:updated (issue 12) says only that someone's check-in changed: the crew overview's
 * cached check-ins of that day (and that person) are read again over REST, where each read is
 * audited — the event itself carries no health data. A replayed event older than what is cached
 * changes nothing.
 */
export function applyCheckIn(client: QueryClient, live: CheckInLive, today: string): void {
  for (const [key, data] of client.getQueriesData<{ items: CheckIn[] }>({ queryKey: ["check-ins"] })) {
    if (!data || !Array.isArray(data.items)) continue;
    const params = (key[1] ?? {}) as { day?: string; userId?: string };
    if ((params.day ?? today) !== live.day || (params.userId && params.userId !== live.user.id)) continue;
    const cached = data.items.find((c) => c.id === live.id || c.user.id === live.user.id);
    if (cached && cached.updatedAt >= live.updatedAt) continue; // already shown, or a replayed older event
    void client.invalidateQueries({ queryKey: key, exact: true });
  }
}

/** Applies one realtime event to the caches. Pure apart from the client: tested in live.test.ts. */
export function applyLiveEvent(client: QueryClient, envelope: LiveEnvelope, context: LiveContext): void {
  switch (envelope.event) {
    case "work_order:created":
    case "work_order:updated":
    case "work_order:nomination_answered":
      applyWorkOrder(client, envelope.data);
      break;
    case "task:created":
    case "task:updated":
      applyTask(client, envelope.data, context);
      break;
    case "urgent_offer:created":
    case "urgent_offer:updated":
      applyUrgentOffer(client, envelope.data);
      break;
    case "task:removed":
      removeTask(client, envelope.data.taskId);
      break;
    case "progress:created":
      applyTask(client, envelope.data.task, context);
      addTo<ProgressUpdate>(
        client,
        queryKeys.tasks.progress(envelope.data.task.id),
        envelope.data.progressUpdate,
        "newest",
      );
      break;
    case "deliverable:created":
    case "deliverable:released":
      addTo<Deliverable>(client, queryKeys.workOrders.deliverables(envelope.data.workOrderId), envelope.data, "oldest");
      break;
    case "feedback:created":
      addTo<Feedback>(client, queryKeys.workOrders.feedback(envelope.data.workOrderId), envelope.data, "oldest");
      break;
    case "message:created":
    case "message:updated":
      applyMessage(client, envelope.data);
      break;
    case "chat_room:updated":
      applyChatRoom(client, envelope.data, context.userId);
      break;
    case "notification:created":
      // the inbox and the bell (screens that announce subscribe with useLiveEvent)
      void client.invalidateQueries({ queryKey: queryKeys.notifications.all() });
      if (envelope.data.kind === "feedback.praise") void client.invalidateQueries({ queryKey: queryKeys.praise() });
      if (envelope.data.kind.startsWith("follow_up."))
        void client.invalidateQueries({ queryKey: queryKeys.followUps.all() });
      // issue 12: a request, or what was agreed: the open accommodation shows it at once
      if (envelope.data.kind.startsWith("accommodation."))
        void client.invalidateQueries({ queryKey: queryKeys.accommodations.all() });
      break;
    // issue 11
    case "notification:read":
      void client.invalidateQueries({ queryKey: queryKeys.notifications.all() });
      break;
    case "follow_up:updated":
      void client.invalidateQueries({ queryKey: queryKeys.followUps.all() });
      break;
    // issue 12
    case "check_in:updated":
      applyCheckIn(client, envelope.data, companyDay());
      break;
  }
}

/** A room could not be replayed event by event: refetch what it feeds. */
export function resetRoom(client: QueryClient, room: string): void {
  const kind = parseRoom(room)?.kind;
  if (kind === "chat") {
    void client.invalidateQueries({ queryKey: queryKeys.chat.all() });
    return;
  }
  void client.invalidateQueries({ queryKey: queryKeys.workOrders.all() });
  void client.invalidateQueries({ queryKey: queryKeys.tasks.all() });
  if (kind === "user" || kind === "team") void client.invalidateQueries({ queryKey: queryKeys.chat.rooms() });
  // issue 12: the crew overview's check-ins
  if (kind === "team-managers") void client.invalidateQueries({ queryKey: queryKeys.checkIns() });
}

/** Keeps the React Query caches in step with the socket. Mount once, under QueryClientProvider. */
export function useLiveCacheSync(userId: string | undefined, client: LiveClient = liveClient): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!userId) return;
    const context: LiveContext = { userId };
    const offEvents = client.subscribe((envelope) => applyLiveEvent(queryClient, envelope, context));
    const offReset = client.onReset((room) => resetRoom(queryClient, room));
    const offReads = followReads(queryClient, client, context);
    return () => {
      offEvents();
      offReset();
      offReads();
    };
  }, [client, queryClient, userId]);
}

/** The `seqs` of the reads passed to the live client already (a page copied by an event keeps its object). */
const followed = new WeakSet<object>();

/**
 * Lists read with the rooms' sequences (`seqs`: the board's task list) are read without waiting for
 * the live connection (issue 14: the board's first cards). When such a read lands in the cache, the
 * live client hears at which sequence of each room it was read (LiveClient.readAt), so that every
 * event after it reaches the cache: the ones to come (the join asks for what came after the read),
 * and the ones delivered while the read was under way, which the read's answer replaced (React
 * Query sets a fetch's result over what the cache held when it started: an infinite query's next
 * page keeps the pages as they were then). So a read counts from its new pages' sequences and, for
 * the pages it kept, from where the live client was when it started. Reads that landed before this
 * runs are passed on too.
 * Returns an unsubscribe function.
 */
export function followReads(queryClient: QueryClient, client: LiveClient, context: LiveContext): () => void {
  const cache = queryClient.getQueryCache();
  const reapply = (envelope: LiveEnvelope) => applyLiveEvent(queryClient, envelope, context);
  const pagesOf = (data: unknown): Page<unknown>[] => {
    if (!data || typeof data !== "object") return [];
    const list = data as Listish<unknown>;
    return isInfinite(list) ? list.pages : "items" in list ? [list as Page<unknown>] : [];
  };
  // A query's pages kept by a fetch (an infinite query's next page) are as they were when it
  // started: as new as the live client was then, which is where their lost events begin (not at
  // their own, older reads: counting from those would give the whole board's events again).
  const atFetch = new WeakMap<object, Map<string, number>>();
  const fetching = (query: { state: { data: unknown } }) => {
    const started = new Map<string, number>();
    for (const page of pagesOf(query.state.data))
      for (const room of Object.keys(page.seqs ?? {})) {
        const seq = client.seqOf(room);
        if (seq !== undefined) started.set(room, seq);
      }
    atFetch.set(query, started);
  };
  const landed = (query: { state: { data: unknown } }, onlyNew: boolean) => {
    const started = atFetch.get(query);
    atFetch.delete(query);
    const from = new Map<string, number>();
    for (const page of pagesOf(query.state.data)) {
      if (!page.seqs) continue;
      const kept = followed.has(page.seqs);
      if (onlyNew && kept) continue;
      followed.add(page.seqs);
      for (const [room, read] of Object.entries(page.seqs)) {
        const seq = kept ? (started?.get(room) ?? read) : read;
        from.set(room, Math.min(seq, from.get(room) ?? seq));
      }
    }
    for (const [room, seq] of from) void client.readAt(room, seq, reapply);
  };
  for (const query of cache.getAll()) if (query.state.status === "success") landed(query, true);
  return cache.subscribe((event) => {
    if (event.type !== "updated") return;
    if (event.action.type === "fetch") fetching(event.query);
    // a fetch's answer; not setQueryData (manual), which is how events themselves come in
    else if (event.action.type === "success" && !event.action.manual) landed(event.query, false);
  });
}

/**
 * Runs `handler` for each live event of the given kinds (after the caches were updated).
 * The handler may change between renders without resubscribing.
 *
 *   useLiveEvent(["task:updated"], (e) => { if (e.data.status === "blocked") announce(...) });
 */
export function useLiveEvent<E extends SequencedEventName>(
  events: readonly E[],
  handler: (envelope: Extract<LiveEnvelope, { event: E }>, info: EnvelopeInfo) => void,
  client: LiveClient = liveClient,
): void {
  const ref = useRef(handler);
  ref.current = handler;
  const names = events.join(",");
  useEffect(() => {
    const wanted = new Set<string>(names.split(","));
    return client.subscribe((envelope, info) => {
      if (wanted.has(envelope.event)) ref.current(envelope as Extract<LiveEnvelope, { event: E }>, info);
    });
  }, [client, names]);
}

/** Typing, read markers, presence, membership: the ephemeral events. */
export function useEphemeralEvent<E extends EphemeralEventName>(
  event: E,
  handler: (payload: EphemeralPayload<E>) => void,
  client: LiveClient = liveClient,
): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => client.on(event, (payload) => ref.current(payload)), [client, event]);
}

/** Follows a room while the component is mounted (e.g. a work order's room on its page). */
export function useTrackRoom(room: string | undefined, client: LiveClient = liveClient): void {
  useEffect(() => {
    if (room) client.trackRoom(room).catch(() => undefined);
  }, [client, room]);
}

/** The live connection's status, for components. */
export function useSocketStatus(client: LiveClient = liveClient): SocketStatus {
  return useSyncExternalStore(
    (listener) => client.onStatus(listener),
    () => client.status,
    () => client.status,
  );
}
