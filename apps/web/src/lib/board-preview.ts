// The board's preview (issue 14): the first cards the server draws into the page of a manager who
// opens the board (src/board-preview.tsx), shown while the app's scripts load. It stays until the
// board's own columns show, and goes when anything else takes the page: another screen, the
// board's error, or a board that takes too long.
export const BOARD_PREVIEW_ID = "board-preview";

/** Long enough for a slow start; short enough that stale cards never linger. */
const PREVIEW_AT_MOST_MS = 20_000;

/** Takes the preview away (once; later calls do nothing). */
export function dropBoardPreview(): void {
  document.getElementById(BOARD_PREVIEW_ID)?.remove();
}

/** At start: the preview goes at the latest after PREVIEW_AT_MOST_MS. */
export function limitBoardPreview(): void {
  if (document.getElementById(BOARD_PREVIEW_ID)) setTimeout(dropBoardPreview, PREVIEW_AT_MOST_MS);
}
