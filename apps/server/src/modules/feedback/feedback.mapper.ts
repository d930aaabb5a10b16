import type { Feedback as FeedbackDto } from "@crewboard/contracts";
import type { Feedback } from "@crewboard/db";
import { toPersonRef } from "../users/user.mapper.ts";

export type FeedbackRow = Feedback & {
  author: { id: string; name: string; displayName: string | null; role: FeedbackDto["author"]["role"] };
  followUpOpened: boolean;
};

export const toFeedbackDto = (f: FeedbackRow): FeedbackDto => ({
  id: f.id,
  workOrderId: f.workOrderId,
  deliverableId: f.deliverableId,
  author: toPersonRef(f.author),
  verdict: f.verdict,
  rating: f.rating,
  comment: f.comment,
  tone: f.tone,
  followUpOpened: f.followUpOpened,
  createdAt: f.createdAt.toISOString(),
});
