// The previous release of this checkout, for the tests that compare with it (the expand/contract
// check of migrations, the rolling upgrade): the newest release before HEAD, from the git tags
// (v*) when the clone has them, else from releases.json at the repository root (a clone of one
// branch carries no tags, but it carries the commits). Null only where there is no git history.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface Release {
  version: string;
  commit: string;
}

function versionOrder(a: string, b: string): number {
  const parts = (v: string) => v.replace(/^v/, "").split(".").map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

export function previousRelease(repoRoot: string): Release | null {
  if (!existsSync(join(repoRoot, ".git"))) return null;
  const git = (args: string[]) => spawnSync("git", ["-C", repoRoot, ...args], { encoding: "utf8" });
  const head = git(["rev-parse", "HEAD"]).stdout.trim();
  const tagged = git(["tag", "--merged", "HEAD", "--list", "v*"]).stdout.split("\n").filter(Boolean);
  const fromTags = tagged.map((version) => ({ version, commit: git(["rev-list", "-n", "1", version]).stdout.trim() }));
  const listed = (JSON.parse(readFileSync(join(repoRoot, "releases.json"), "utf8")) as { releases: Release[] })
    .releases;
  // a listed release counts when its commit is in this checkout's history
  const fromFile = listed.filter((r) => git(["merge-base", "--is-ancestor", r.commit, "HEAD"]).status === 0);
  const candidates = [...fromTags, ...fromFile]
    .filter((r) => r.commit !== head)
    .sort((a, b) => versionOrder(b.version, a.version));
  return candidates[0] ?? null;
}
