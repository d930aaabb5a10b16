// Builds the server for `npm start`, the systemd unit and the bench: one ES module,
// apps/server/dist/server.js, holding the server's own code and the workspace packages
// (@crewboard/*), with every package from node_modules left as an import; and its entry,
// apps/server/dist/index.js, which turns on Node's compile cache before it loads the bundle.
//
// Why: under the tsx loader a start spent ~2 s compiling and resolving a few hundred TypeScript
// files; the bundle starts in well under a second. That is the time a restart keeps every client
// waiting (the reconnect storm, issue 14) and a deployment's downtime on one instance.
//
// Every `import.meta.url` in our sources is replaced by the URL of the file it was written in, so
// paths computed from it (migrations, the web app's dist, the reading worker's own file) are
// those of the sources, as under tsx. The bundle must therefore stay inside the repository, where
// node_modules resolves its imports, and turbo does not cache it (turbo.json: a cached copy could
// come from another folder). `npm run dev` and the tests of the code still run the sources.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";

const SERVER_DIR = fileURLToPath(new URL(".", import.meta.url));
/** the built entry: what `npm start` and the systemd unit run */
export const SERVER_ENTRY = fileURLToPath(new URL("dist/index.js", import.meta.url));
/** the bundle the entry loads */
const SERVER_BUNDLE = fileURLToPath(new URL("dist/server.js", import.meta.url));

/**
 * The entry. Node's compile cache keeps V8's compiled code of the bundle and of node_modules on
 * disk, so a restart skips compiling them: ~100 ms of a start's ~800 ms of CPU here (the reconnect
 * storm waits for that start). The first start of a new bundle compiles it and writes the cache;
 * later starts of the same bundle read it. It must be on before the bundle is compiled, hence a
 * file of its own.
 * - Its folder: NODE_COMPILE_CACHE when set; else, under systemd, the unit's CacheDirectory= (its
 *   private /tmp is emptied at every restart); else Node's default under the temporary folder.
 * - The environment variable passes it on to the reading worker.
 * - It is written once the server listens (a crash later keeps it); a cache that cannot be written
 *   is skipped. SECURITY.md: a writable folder of code the next start runs;
 *   NODE_DISABLE_COMPILE_CACHE=1 turns it off.
 */
const ENTRY_SOURCE = `// Written by apps/server/build.ts: the compile cache on, then the server's bundle.
import { enableCompileCache, flushCompileCache, getCompileCacheDir } from "node:module";
const { CACHE_DIRECTORY, NODE_COMPILE_CACHE } = process.env;
enableCompileCache(NODE_COMPILE_CACHE ?? (CACHE_DIRECTORY ? CACHE_DIRECTORY + "/compile-cache" : undefined));
const cacheDir = getCompileCacheDir(); // undefined when it is off (NODE_DISABLE_COMPILE_CACHE) or failed
if (cacheDir) process.env.NODE_COMPILE_CACHE ??= cacheDir;
await import("./server.js");
flushCompileCache();
`;

/** node_modules stay imports (native add-ons, Prisma's runtime and its WebAssembly, their own files). */
const packagesStayExternal: Plugin = {
  name: "packages-stay-external",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@crewboard/") ? undefined : { path: args.path, external: true },
    );
  },
};

/** Each file keeps its own `import.meta.url` (the bundle's would be apps/server/dist/server.js for all). */
const importMetaUrlOfTheSource: Plugin = {
  name: "import-meta-url-of-the-source",
  setup(b) {
    b.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
      if (args.path.includes("/node_modules/")) return undefined;
      const source = await readFile(args.path, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      return {
        contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
        loader: /\.[cm]?ts$/.test(args.path) ? "ts" : "js",
      };
    });
  },
};

/**
 * Builds dist/server.js (and its source map) and the entry dist/index.js; resolves with the
 * entry's path. Each file is written beside its place and renamed into it, so a server starting
 * meanwhile reads a whole bundle.
 */
export async function buildServer(): Promise<string> {
  const { outputFiles } = await build({
    absWorkingDir: SERVER_DIR,
    entryPoints: ["src/index.ts"],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    // a stack trace names the source file: run with --enable-source-maps to read it there
    sourcemap: "linked",
    logLevel: "warning",
    plugins: [packagesStayExternal, importMetaUrlOfTheSource],
    write: false,
  });
  await mkdir(dirname(SERVER_BUNDLE), { recursive: true });
  const files = [
    ...outputFiles.map((f) => ({ path: f.path, contents: f.contents })),
    { path: SERVER_ENTRY, contents: ENTRY_SOURCE },
  ];
  for (const file of files) {
    const partial = `${file.path}.${process.pid}.partial`;
    await writeFile(partial, file.contents);
    await rename(partial, file.path);
  }
  return SERVER_ENTRY;
}

if (import.meta.main) await buildServer();
