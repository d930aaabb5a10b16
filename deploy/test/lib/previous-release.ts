// The previous release, checked out into a folder of its own (git archive of its tag) and
// installed. Installing is `npm ci` unless every package the old lockfile names is, at the same
// version and integrity, already installed here: then the old folder's node_modules is made of
// links to this checkout's packages, and of links to its OWN workspace packages (@crewboard/*), so
// the old code runs with exactly what `npm ci` would have given it, in seconds instead of minutes.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { previousRelease } from "@crewboard/db/testing";
import { REPO_ROOT } from "./deployment.ts";

interface LockEntry {
  version?: string;
  integrity?: string;
  link?: boolean;
}
type Lock = { packages: Record<string, LockEntry> };

/** The newest release before HEAD (its tag, or its commit from releases.json). */
export function previousReleaseTag(): { tag: string; commit: string } {
  const release = previousRelease(REPO_ROOT);
  if (!release) throw new Error("no earlier release is in this checkout's history (releases.json names them)");
  return { tag: release.version, commit: release.commit };
}

/** Third-party packages of a lockfile (workspace links and the workspaces themselves left out). */
function external(lock: Lock, workspaces: string[]): Map<string, LockEntry> {
  const out = new Map<string, LockEntry>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path || entry.link || workspaces.includes(path)) continue;
    out.set(path, entry);
  }
  return out;
}

function workspacesOf(dir: string): string[] {
  const root = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { workspaces: string[] };
  return root.workspaces.flatMap((pattern) => {
    if (!pattern.endsWith("/*")) return [pattern];
    const parent = pattern.slice(0, -2);
    return existsSync(join(dir, parent)) ? readdirSync(join(dir, parent)).map((name) => `${parent}/${name}`) : [];
  });
}

/**
 * Workspaces of the old release that the upgrade test never runs (it runs the old server and its
 * database scripts only): packages installed for them alone are not needed.
 */
const NOT_RUN = ["apps/web/", "apps/e2e/"];

/** Packages the old release needs that are not installed here exactly as it would have them. */
export function missingPackages(oldDir: string): string[] {
  const oldLock = JSON.parse(readFileSync(join(oldDir, "package-lock.json"), "utf8")) as Lock;
  const ourLock = JSON.parse(readFileSync(join(REPO_ROOT, "package-lock.json"), "utf8")) as Lock;
  const ours = external(ourLock, workspacesOf(REPO_ROOT));
  const missing: string[] = [];
  for (const [path, entry] of external(oldLock, workspacesOf(oldDir))) {
    if (NOT_RUN.some((ws) => path.startsWith(ws))) continue;
    const mine = ours.get(path);
    if (!mine || mine.version !== entry.version || mine.integrity !== entry.integrity)
      missing.push(`${path}@${entry.version}`);
  }
  return missing;
}

/** Links every entry of `from` into `to` (a new folder), except the names in `except`. */
function linkEntries(from: string, to: string, except: string[] = []): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) if (!except.includes(name)) symlinkSync(join(from, name), join(to, name));
}

export interface PreviousRelease {
  tag: string;
  dir: string;
  /** "linked": this checkout's packages reused; "npm ci": installed from the registry */
  install: "linked" | "npm ci";
}

export function checkOutPreviousRelease(workDir: string): PreviousRelease {
  const { tag, commit } = previousReleaseTag();
  const dir = join(workDir, `release-${tag}`);
  mkdirSync(dir, { recursive: true });
  const archive = spawnSync("sh", ["-c", `git -C "${REPO_ROOT}" archive "${commit}" | tar -x -C "${dir}"`], {
    encoding: "utf8",
  });
  if (archive.status !== 0) throw new Error(`git archive ${tag} failed: ${archive.stderr}`);

  let install: PreviousRelease["install"] = "npm ci";
  const missing = missingPackages(dir);
  if (missing.length === 0 && existsSync(join(REPO_ROOT, "node_modules"))) {
    install = "linked";
    // node_modules: our packages, but @crewboard/* are the old release's own workspaces
    linkEntries(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"), ["@crewboard", ".package-lock.json"]);
    mkdirSync(join(dir, "node_modules", "@crewboard"));
    for (const ws of workspacesOf(dir)) {
      const pkg = JSON.parse(readFileSync(join(dir, ws, "package.json"), "utf8")) as { name: string };
      if (pkg.name.startsWith("@crewboard/")) symlinkSync(join(dir, ws), join(dir, "node_modules", pkg.name));
      // a workspace's own node_modules (versions that differ from the root's) is linked as a whole
      if (existsSync(join(REPO_ROOT, ws, "node_modules")))
        symlinkSync(join(REPO_ROOT, ws, "node_modules"), join(dir, ws, "node_modules"));
    }
    // the Prisma client is generated from the old schema, into the old folder
    const generate = spawnSync("npm", ["run", "db:generate", "-w", "@crewboard/db"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
    });
    if (generate.status !== 0)
      throw new Error(`prisma generate in ${tag} failed:\n${generate.stdout}${generate.stderr}`);
  } else {
    console.log(
      `[upgrade] ${tag} needs packages not installed here (${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}): npm ci`,
    );
    const ci = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir, encoding: "utf8", timeout: 900_000 });
    if (ci.status !== 0)
      throw new Error(`npm ci in ${tag} failed:\n${ci.stdout.slice(-2000)}${ci.stderr.slice(-2000)}`);
  }
  return { tag, dir, install };
}
