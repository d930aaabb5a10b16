// The production build's size budget: the JavaScript a first visit must load (the entry chunk
// and everything it imports statically, found in dist/.vite/manifest.json) must stay within
// 180 kB gzip. Screens load later, as their own chunks; the largest is reported.
//
//   npm run build -w @crewboard/web && npm run check:bundle -w @crewboard/web
//
// Also run by apps/e2e/src/bundle.e2e.ts after the e2e global setup has built the app.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

export const INITIAL_JS_BUDGET_BYTES = 180 * 1024;

interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface BundleReport {
  initial: ChunkSize[];
  initialGzip: number;
  initialCss: ChunkSize[];
  /** each lazily loaded screen: its own chunk plus the static imports it adds beyond the initial ones */
  routes: { name: string; src: string | undefined; gzip: number; files: string[] }[];
  largestRoute: { name: string; src: string | undefined; gzip: number; files: string[] } | undefined;
  budget: number;
  /** a development build (React's dev runtime) was measured: build with NODE_ENV=production */
  devBuild: boolean;
  ok: boolean;
}

const DEFAULT_DIST = fileURLToPath(new URL("../dist", import.meta.url));

function sizeOf(distDir: string, file: string): ChunkSize {
  const content = readFileSync(join(distDir, file));
  return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
}

/** A chunk and its static imports, transitively (manifest keys). */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  into.add(key);
  for (const child of manifest[key]?.imports ?? []) staticClosure(manifest, child, into);
  return into;
}

export function checkBundle(distDir: string = DEFAULT_DIST, budget: number = INITIAL_JS_BUDGET_BYTES): BundleReport {
  const manifestPath = join(distDir, ".vite", "manifest.json");
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
  } catch {
    throw new Error(`${manifestPath} not found: build the web app first (npm run build -w @crewboard/web)`);
  }
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
  if (entries.length === 0) throw new Error("no entry chunk in the manifest");

  const initialKeys = new Set<string>();
  for (const [key] of entries) staticClosure(manifest, key, initialKeys);
  const initial = [...initialKeys].map((key) => sizeOf(distDir, manifest[key]!.file));
  const initialGzip = initial.reduce((sum, c) => sum + c.gzip, 0);
  const cssFiles = new Set([...initialKeys].flatMap((key) => manifest[key]!.css ?? []));
  const initialCss = [...cssFiles].map((file) => sizeOf(distDir, file));

  const routes = Object.entries(manifest)
    .filter(([, chunk]) => chunk.isDynamicEntry)
    .map(([key, chunk]) => {
      const extra = [...staticClosure(manifest, key)].filter((k) => !initialKeys.has(k));
      const sizes = extra.map((k) => sizeOf(distDir, manifest[k]!.file));
      return {
        name: chunk.name ?? key,
        src: chunk.src,
        gzip: sizes.reduce((s, c) => s + c.gzip, 0),
        files: sizes.map((c) => c.file),
      };
    })
    .sort((a, b) => b.gzip - a.gzip);

  const devBuild = initial.some((c) => c.file.includes("jsx-dev-runtime"));
  return {
    initial,
    initialGzip,
    initialCss,
    routes,
    largestRoute: routes[0],
    budget,
    devBuild,
    ok: initialGzip <= budget && !devBuild,
  };
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

export function formatReport(report: BundleReport): string {
  const lines = [
    `Initial JS: ${kB(report.initialGzip)} gzip (budget ${kB(report.budget)}) — ${report.ok ? "OK" : report.devBuild ? "A DEVELOPMENT BUILD (set NODE_ENV=production)" : "OVER BUDGET"}`,
    ...report.initial
      .sort((a, b) => b.gzip - a.gzip)
      .map((c) => `  ${c.file.padEnd(44)} ${kB(c.bytes).padStart(10)}  ${kB(c.gzip).padStart(9)} gzip`),
    `Initial CSS: ${kB(report.initialCss.reduce((s, c) => s + c.gzip, 0))} gzip`,
  ];
  if (report.largestRoute) {
    lines.push(
      `Largest route chunk: ${report.largestRoute.name} (${report.largestRoute.src ?? "?"}) ${kB(report.largestRoute.gzip)} gzip`,
    );
  }
  lines.push("Route chunks (gzip, beyond the initial JS):");
  for (const route of report.routes) lines.push(`  ${route.name.padEnd(24)} ${kB(route.gzip).padStart(9)}`);
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const report = checkBundle(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_DIST);
    console.log(formatReport(report));
    if (!report.ok) process.exitCode = 1;
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
