// The web app's second entry, built for Node (`vite build --ssr`, into dist-server): the board's
// preview, its first cards drawn by the server into the page it sends (apps/server/src/http/web-app.ts),
// so that a manager opening a big board sees its cards while the app's scripts still load
// (issue 14). The cards are the board's own components (features/board/BoardLists.tsx) and words,
// so the preview cannot drift from the board that replaces it (lib/board-preview.ts takes it away).
import { renderToString } from "react-dom/server";
import { getLocale, loadMessages, setLocale, type FeatureName, type Locale } from "./i18n/index.ts";
import type { Task } from "./lib/api.ts";
import { BoardColumnsPreview } from "./features/board/BoardLists.tsx";
import { BOARD_PREVIEW_ID } from "./lib/board-preview.ts";

export interface BoardPreviewInput {
  /** the board's first page, as the API answers it (newest first) */
  tasks: readonly Task[];
  locale: Locale;
  /** for "overdue" */
  now: number;
}

/**
 * Loads the words of `features` (the board screen's, as the server lists them), then gives the
 * function that draws a preview: markup to put after the app's root element.
 */
export async function createBoardPreview(
  features: readonly FeatureName[],
): Promise<(input: BoardPreviewInput) => string> {
  await loadMessages(features);
  return ({ tasks, locale, now }) => {
    // t() reads the module's language: set for this render, which runs to its end synchronously
    const before = getLocale();
    setLocale(locale);
    try {
      const cards = renderToString(<BoardColumnsPreview tasks={tasks} now={now} />);
      // laid out as the app's <main> (.main), where the board's columns will be
      return `<div id="${BOARD_PREVIEW_ID}" class="main board-preview" lang="${locale}" aria-hidden="true" inert>${cards}</div>`;
    } finally {
      setLocale(before);
    }
  };
}
