import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "./i18n/index.ts"; // sets <html lang> before the first paint
import { applyCachedPreferences } from "./lib/preferences.ts";
import { wireOfflineQueue } from "./lib/outbox.ts";
import { keepFocusInView } from "./lib/focus-in-view.ts";
import { limitBoardPreview } from "./lib/board-preview.ts";
import { App, appQueryClient } from "./app/App.tsx";
import "./styles.css";

// Text size, contrast and motion as last used on this device, before anything is drawn.
applyCachedPreferences();
wireOfflineQueue();
// Whatever moves the focus (Tab, a library, our own code), the focused element is scrolled into view.
keepFocusInView();
// The board's first cards that the server drew into the page go at the latest after a while.
limitBoardPreview();

// The session check, and the chunk and first data of the screen the URL names, start now (app/startup.ts).
appQueryClient();

const root = document.getElementById("root");
if (!root) throw new Error("#root element missing in index.html");

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
