// Who is online, away or offline, and where they work today. Presence lives on the connections
// (socket.data.presence), so it is read with fetchSockets(), which also sees the connections of
// other instances through the Socket.IO adapter. Today's place is stored on the user.
import { rooms, type Presence, type PresenceStatus } from "@crewboard/contracts";
import { audience, companyDay, dateOfDay, isEmployee, isStaff, maySeeTodayPlace } from "@crewboard/domain";
import type { Place, Prisma, PrismaClient, WorkStyle } from "@crewboard/db";
import type { Logger } from "pino";
import type { Actor, Tx } from "../../operations/context.ts";
import type { SignedInUser } from "@crewboard/contracts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { CrewboardServer, CrewboardSocket } from "../../realtime/types.ts";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";
import { forViewer, viewerRooms } from "../../access/client-view.ts";

type Db = Pick<Prisma.TransactionClient, "user" | "checkIn" | "chatMember"> | PrismaClient;

/** online if any connection is online, away if all are away, offline with none. */
function combine(statuses: readonly ("online" | "away")[]): PresenceStatus {
  if (statuses.includes("online")) return "online";
  return statuses.length ? "away" : "offline";
}

type SocketLike = { id: string; data: Partial<CrewboardSocket["data"]> };

/**
 * The status of each user with at least one connection (any instance). `current` is a connection
 * that may not be in its user's room yet (it joins its rooms right after connecting).
 */
async function statusesOf(
  io: CrewboardServer,
  onlyUserId?: string,
  current?: SocketLike,
): Promise<Map<string, PresenceStatus>> {
  const sockets: SocketLike[] = await (onlyUserId ? io.in(rooms.user(onlyUserId)) : io).fetchSockets();
  if (current && !sockets.some((s) => s.id === current.id)) sockets.push(current);
  const byUser = new Map<string, ("online" | "away")[]>();
  for (const s of sockets) {
    const id = s.data.user?.id;
    if (!id) continue;
    byUser.set(id, [...(byUser.get(id) ?? []), s.data.presence ?? "online"]);
  }
  return new Map([...byUser].map(([id, list]) => [id, combine(list)]));
}

/**
 * Where each user works today: what they said today (presence:set), else their check-in's place,
 * else their usual work style (hybrid: unknown).
 */
export async function todayPlaces(db: Db, userIds: readonly string[]): Promise<Map<string, Place | null>> {
  const today = companyDay();
  const users = await db.user.findMany({
    where: { id: { in: [...userIds] } },
    select: { id: true, todayPlace: true, todayPlaceDay: true, workStyle: true },
  });
  const checkIns = await db.checkIn.findMany({
    where: { userId: { in: [...userIds] }, day: dateOfDay(today) },
    select: { userId: true, place: true },
  });
  const fromWorkStyle = (w: WorkStyle | null): Place | null => (w === "office" || w === "home" ? w : null);
  const result = new Map<string, Place | null>();
  for (const u of users) {
    const said = u.todayPlace && u.todayPlaceDay?.toISOString().slice(0, 10) === today ? u.todayPlace : null;
    const checkedIn = checkIns.find((c) => c.userId === u.id)?.place ?? null;
    result.set(u.id, said ?? checkedIn ?? fromWorkStyle(u.workStyle));
  }
  return result;
}

/** The rooms that hear about a user's presence: their chat rooms, their team, and the staff board. */
async function presenceRoomsOf(db: Db, user: SignedInUser): Promise<string[]> {
  const chats = await db.chatMember.findMany({ where: { userId: user.id }, select: { roomId: true } });
  return audience.presence(
    user,
    chats.map((c) => c.roomId),
  );
}

/** The people whose presence the user may see: the mirror of presenceRoomsOf. */
async function visiblePeople(db: Db, user: SignedInUser) {
  const where: Prisma.UserWhereInput = isStaff(user)
    ? { active: true }
    : {
        active: true,
        OR: [
          { chatMemberships: { some: { room: { members: { some: { userId: user.id } } } } } },
          ...(isEmployee(user) && user.teamId ? [{ teamId: user.teamId, role: { not: "client" as const } }] : []),
        ],
      };
  return db.user.findMany({
    where: { AND: [where, { id: { not: user.id } }] },
    select: personSelect,
    orderBy: { name: "asc" },
  });
}

async function presenceOf(
  io: CrewboardServer,
  db: Db,
  user: SignedInUser,
  current?: CrewboardSocket,
): Promise<Presence> {
  const status = (await statusesOf(io, user.id, current?.connected ? current : undefined)).get(user.id) ?? "offline";
  const place = (await todayPlaces(db, [user.id])).get(user.id) ?? null;
  return { user: toPersonRef(user), status, place };
}

/**
 * Where a crew member works today is their own business and their colleagues': clients who
 * share an order room see whether someone is online, never whether they are at home.
 */
function presenceFor(presence: Presence, viewer: SignedInUser): Presence {
  return forViewer(viewer, maySeeTodayPlace(viewer) ? presence : { ...presence, place: null });
}

export async function announcePresence(
  io: CrewboardServer,
  prisma: PrismaClient,
  user: SignedInUser,
  presence: Presence,
): Promise<void> {
  // Each connection (on any instance) gets the presence as its user may see it: one broadcast per
  // kind of viewer (access/client-view.ts viewerRooms), encoded once, not one emit per connection.
  // presenceFor depends on the viewer only through "is a client" (maySeeTodayPlace,
  // seesDisplayNamesOnly), which is exactly what splits the two viewer rooms.
  const to = io.to(await presenceRoomsOf(prisma, user));
  to.except(viewerRooms.displayNames).emit("presence:updated", presenceFor(presence, FULL_NAMES_VIEWER));
  to.except(viewerRooms.fullNames).emit("presence:updated", presenceFor(presence, DISPLAY_NAMES_VIEWER));
}

/** The viewer kinds of the two viewer rooms, as presenceFor reads them. */
const FULL_NAMES_VIEWER = { role: "manager" } as SignedInUser;
const DISPLAY_NAMES_VIEWER = { role: "client" } as SignedInUser;

/**
 * presence:set — online/away for this connection, and optionally where the user works today
 * (stored in the write's transaction). Returns the new presence; the caller announces it once committed.
 */
export async function setPresence(
  io: CrewboardServer,
  tx: Tx,
  socket: CrewboardSocket,
  actor: Actor,
  request: { status: "online" | "away"; place?: Place | undefined },
): Promise<Presence> {
  const user = actor.user;
  if (request.place) {
    await tx.user.update({
      where: { id: user.id },
      data: { todayPlace: request.place, todayPlaceDay: dateOfDay(companyDay()) },
    });
    await recordAudit(tx, actor, {
      action: "user.set_today_place",
      entityType: "user",
      entityId: user.id,
      metadata: { place: request.place },
    });
  }
  socket.data.presence = request.status;
  return presenceOf(io, tx, user, socket);
}

/** presence:list — everyone the user shares a room with; people with no connection are offline. */
export async function listPresence(
  io: CrewboardServer,
  prisma: Tx,
  user: SignedInUser,
): Promise<{ items: Presence[] }> {
  const people = await visiblePeople(prisma, user);
  const statuses = await statusesOf(io);
  const places = await todayPlaces(
    prisma,
    people.map((p) => p.id),
  );
  return {
    items: people.map((p) =>
      presenceFor(
        { user: toPersonRef(p), status: statuses.get(p.id) ?? "offline", place: places.get(p.id) ?? null },
        user,
      ),
    ),
  };
}

/**
 * Another connection of this user on this instance is online: the user's status stays online
 * whatever this connection does, so there is nothing to announce. (Connections are in their user's
 * room from the start: realtime.ts joins the home rooms at connection.) A user whose connections
 * are on several instances may be announced online by each, as before; never not at all.
 */
function otherOnlineHere(io: CrewboardServer, socket: CrewboardSocket, userId: string): boolean {
  const here = io.of("/");
  for (const id of here.adapter.rooms.get(rooms.user(userId)) ?? []) {
    if (id !== socket.id && here.sockets.get(id)?.data.presence === "online") return true;
  }
  return false;
}

/**
 * Announces a new connection (online) and the user's last closed one (offline). A connection
 * next to one of the same user that is already online changes nothing and announces nothing:
 * many tabs (or a thousand bench sockets of one account) cost one announcement, not one each to
 * every viewer.
 */
export function trackPresence(
  socket: CrewboardSocket,
  io: CrewboardServer,
  prisma: PrismaClient,
  logger: Logger,
): void {
  const user = socket.data.user as SignedInUser;
  const announceNow = async (when: (status: PresenceStatus) => boolean) => {
    try {
      const presence = await presenceOf(io, prisma, user, socket);
      if (when(presence.status)) await announcePresence(io, prisma, user, presence);
    } catch (error) {
      logger.warn({ err: error, userId: user.id }, "could not announce presence");
    }
  };
  if (!otherOnlineHere(io, socket, user.id)) void announceNow(() => true);
  socket.on("disconnect", () => {
    // The closed connection has already left its rooms, so the others are what is left: none
    // means offline; an "online" tab closing next to "away" ones makes the user away. With
    // another online connection here the user stays online: nothing to announce.
    if (otherOnlineHere(io, socket, user.id)) return;
    const was = socket.data.presence;
    void announceNow((now) => now === "offline" || (was === "online" && now === "away"));
  });
}
