import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

/**
 * Our own words for react-aria's drag and drop (issue 9 barrier 9): its dnd modules import their
 * catalogue as "./intlStrings.mjs"; that import gets src/features/board/dnd-words.ts instead. And
 * what the drag and drop announces goes to the polite live region, not the assertive one (it is
 * no error: ACCESSIBILITY.md keeps assertive for errors).
 */
function dndWords(): Plugin {
  const dnd = /react-aria\/dist\/private\/dnd\/[^/]+\.m?js$/;
  const words = fileURLToPath(new URL("./src/features/board/dnd-words.ts", import.meta.url));
  return {
    name: "crewboard-dnd-words",
    enforce: "pre",
    resolveId(source, importer) {
      if (importer && dnd.test(importer) && /^\.\/intlStrings\.m?js$/.test(source)) return words;
      return null;
    },
    transform(code, id) {
      if (!/react-aria\/dist\/private\/dnd\/DragManager\.m?js$/.test(id)) return null;
      const name = /import \{announce as (\S+)\} from "\.\.\/live-announcer\/LiveAnnouncer\.m?js";/.exec(code)?.[1];
      if (!name) throw new Error("crewboard-dnd-words: react-aria's DragManager no longer imports announce as before");
      const call = `(0, ${name})(`;
      if (!code.includes(call)) throw new Error("crewboard-dnd-words: no announce call found in DragManager");
      return `${code.split(call).join("(0, crewboardPoliteAnnounce)(")}\nfunction crewboardPoliteAnnounce(message) { return ${name}(message, "polite"); }\n`;
    },
  };
}

/**
 * How react-aria's Virtualizer measures a card it rendered at an estimated height (issue 14: the
 * board's first cards). It un-sets the item wrapper's height, reads the wrapper's scroll size and
 * sets the height back: a style change and a forced layout for EVERY card, one after the other
 * (with the visibility check before it, two forced passes a card: a quarter of the big board's
 * first render). Here an item whose wrapper holds one element (a board card: react-aria's row
 * element, without margins) is measured by that element's own height, which the wrapper's fixed
 * height does not change: nothing is written, so the cards of one render share one layout.
 * react-aria's visibility check before it (checkVisibility, a style pass of its own for every
 * card) becomes that same height: 0 px only under `display: none` (a card has a border). Anything
 * else is measured and checked as before. Both places find that one element with the same helper,
 * `crewboardOnlyChild`, appended to the module.
 */
function virtualizerMeasure(): Plugin {
  const file = /react-aria\/dist\/private\/virtualizer\/useVirtualizerItem\.m?js$/;
  // the wrapper's one element child, or null when it holds none or several
  const onlyChild =
    "function crewboardOnlyChild(node) { const only = node.firstElementChild; return only && !only.nextElementSibling ? only : null; }";
  return {
    name: "crewboard-virtualizer-measure",
    enforce: "pre",
    transform(code, id) {
      if (!file.test(id)) return null;
      const getSize = /function (\S+getSize)\(node\) \{\n/.exec(code);
      if (!getSize)
        throw new Error("crewboard-virtualizer-measure: react-aria's useVirtualizerItem has no getSize as before");
      const sizeClass = /let size = new \(0, (\S+)\)\(node\.scrollWidth, node\.scrollHeight\);/.exec(code)?.[1];
      if (!sizeClass)
        throw new Error("crewboard-virtualizer-measure: react-aria's getSize no longer measures as before");
      const measured = `const only = crewboardOnlyChild(node);\n    if (only) return new (0, ${sizeClass})(node.scrollWidth, only.offsetHeight);\n    `;
      // the visibility check before the measuring: a card is never 0 px tall, so its own height
      // says whether it is shown (display: none somewhere above it), read in the same layout
      const check = /if \(!\(0, (\S+)\)\(ref\.current\)\) return;/.exec(code);
      if (!check)
        throw new Error("crewboard-virtualizer-measure: react-aria's updateSize no longer checks visibility as before");
      const shown = `const only = crewboardOnlyChild(ref.current);\n            if (only ? only.offsetHeight === 0 : !(0, ${check[1]})(ref.current)) return;`;
      // function replacers: react-aria's generated names hold `$` sequences
      const changed = code.replace(getSize[0], () => `${getSize[0]}    ${measured}`).replace(check[0], () => shown);
      return `${changed}\n${onlyChild}\n`;
    },
  };
}

/**
 * Each built script, stylesheet and SVG of 1 kB or more also as `.br` (brotli, best quality) and
 * `.gz` beside it (issue 14): the server sends these as they are (apps/server/src/http/static.ts)
 * instead of compressing the same 850 kB of JavaScript again for every browser.
 */
function precompress(): Plugin {
  return {
    name: "crewboard-precompress",
    apply: "build",
    // the browser's files only: the board preview's Node build (dist-server) is never sent
    applyToEnvironment: (environment) => !environment.config.build.ssr,
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|svg)$/.test(name)) continue;
        const file = join(options.dir!, name);
        const raw = readFileSync(file);
        if (raw.length < 1024) continue;
        const params = { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length };
        writeFileSync(`${file}.br`, brotliCompressSync(raw, { params }));
        writeFileSync(`${file}.gz`, gzipSync(raw, { level: 9 }));
      }
    },
  };
}

// The API server (apps/server) listens on :3000. In development Vite serves the
// web app and forwards the API and the Socket.IO connection to it, so the
// browser sees one origin (cookies and the CSRF check work as in production,
// where the server serves the built `dist` folder itself).
const apiTarget = process.env.CREWBOARD_API_URL ?? "http://localhost:3000";

/**
 * JSX goes through our runtime (src/i18n/easy-read/jsx-runtime.ts): React's, plus furigana over
 * the hard kanji of host elements' text while easy-read Japanese is on (issue 9 barrier 11).
 */
const JSX_SOURCE = "@crewboard/easy-read-jsx";
const easyReadRuntime = (file: string) => fileURLToPath(new URL(`./src/i18n/easy-read/${file}`, import.meta.url));

export default defineConfig(({ isSsrBuild }) => ({
  // The board preview's Node build renders with React's production build, whatever NODE_ENV the
  // server runs with (a test runner's "test" would give the slower development one).
  define: isSsrBuild ? { "process.env.NODE_ENV": JSON.stringify("production") } : {},
  plugins: [dndWords(), virtualizerMeasure(), react({ jsxImportSource: JSX_SOURCE }), precompress()],
  resolve: {
    alias: [
      { find: new RegExp(`^${JSX_SOURCE}/jsx-runtime$`), replacement: easyReadRuntime("jsx-runtime.ts") },
      { find: new RegExp(`^${JSX_SOURCE}/jsx-dev-runtime$`), replacement: easyReadRuntime("jsx-dev-runtime.ts") },
      { find: new RegExp(`^${JSX_SOURCE}$`), replacement: easyReadRuntime("jsx-index.ts") },
    ],
  },
  // the board preview's Node build (`build:server`, src/board-preview.tsx) carries what it imports:
  // the server that loads it does not depend on the web app's packages
  ssr: { noExternal: true },
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
}));
