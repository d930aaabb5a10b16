import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The API server (apps/server) listens on :3000. In development Vite serves the
// web app and forwards the API and the Socket.IO connection to it, so the
// browser sees one origin (cookies and the CSRF check work as in production,
// where the server serves the built `dist` folder itself).
const apiTarget = process.env.CREWBOARD_API_URL ?? "http://localhost:3000";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/api": { target: apiTarget },
      "/socket.io": { target: apiTarget, ws: true },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // dist/.vite/manifest.json: scripts/check-bundle.ts finds the entry chunk and its static
    // imports (the initial JS) in it.
    manifest: true,
  },
});
