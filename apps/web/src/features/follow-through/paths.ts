// The paths of issue 11's screens (kept here so app/paths.ts stays as it is for other branches).
export const followThroughPaths = {
  inbox: "/notifications",
  followUps: "/follow-ups",
} as const;

export const followUpPath = (id: string) => `/follow-ups/${encodeURIComponent(id)}`;
