// Who hears about a change: the rooms each kind of event is sent to. Every event a use case records
// takes its rooms from here, and the event matrix test checks the result person by person.
import { isEmployee, type Identity } from "./identity.ts";
import { rooms } from "./rooms.ts";

export interface OrderRef {
  id: string;
  clientCompanyId: string;
}

export interface TaskRef {
  workOrderId: string;
  assigneeId: string | null;
  clientCompanyId: string;
}

export const audience = {
  /** an order: the board (staff), its client company, and the crew working on it */
  workOrder: (order: OrderRef): string[] => [
    rooms.board(),
    rooms.company(order.clientCompanyId),
    rooms.workOrder(order.id),
  ],

  /**
   * a task: the board, the order's client company and its assignee — not the order's room, where
   * the other crew members see only their own tasks
   */
  task: (task: TaskRef): string[] => [
    rooms.board(),
    rooms.company(task.clientCompanyId),
    ...(task.assigneeId ? [rooms.user(task.assigneeId)] : []),
  ],

  /** a task taken away from its previous assignee */
  taskRemoved: (previousAssigneeId: string): string[] => [rooms.user(previousAssigneeId)],

  /** a deliverable: staff and the order's crew at once; the client once the manager has released it */
  deliverable: (order: OrderRef, released: boolean): string[] => [
    rooms.board(),
    rooms.workOrder(order.id),
    ...(released ? [rooms.company(order.clientCompanyId)] : []),
  ],

  /** a client's feedback on an order: everyone who follows the order */
  feedback: (order: OrderRef): string[] => audience.workOrder(order),

  /** one person's notification */
  person: (userId: string): string[] => [rooms.user(userId)],

  /** a chat room's messages and changes */
  chatRoom: (chatRoomId: string): string[] => [rooms.chat(chatRoomId)],

  /** whether a person is online: staff (the board), their team's colleagues, and whoever shares a chat room with them */
  presence: (person: Identity, chatRoomIds: readonly string[]): string[] => [
    rooms.board(),
    ...(isEmployee(person) && person.teamId ? [rooms.team(person.teamId)] : []),
    ...chatRoomIds.map(rooms.chat),
  ],

  /**
   * an urgent offer: staff hear of it in full on the board; each person asked hears their own
   * view of it (their answer only) in their own room; clients never
   */
  urgentOfferStaff: (): string[] => [rooms.board()],
  urgentOfferRecipient: (userId: string): string[] => [rooms.user(userId)],

  /**
   * issue 12: a crew member's check-in (condition, place, whether there is a note — never its text):
   * their own team's managers and admins, never the team room (crew are in it too)
   */
  checkIn: (teamId: string | null): string[] => (teamId ? [rooms.teamManagers(teamId)] : []),

  /** a follow-up's change, with its internal notes: staff only (the client and crew hear through their own notifications) */
  followUp: (): string[] => [rooms.board()],
} as const;
