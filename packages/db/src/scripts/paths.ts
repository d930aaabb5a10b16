// Where the db scripts find things. npm runs workspace scripts in packages/db, so the data folder
// is taken from the repository root (as the server does) and a file named on the command line from
// the folder npm was started in (INIT_CWD).
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../../..", import.meta.url));

export const dataDirFromEnv = () => resolve(REPO_ROOT, process.env.CREWBOARD_DATA_DIR || ".data");

export const databaseUrlFromEnv = () => process.env.DATABASE_URL || undefined;

export const userPath = (file: string) => resolve(process.env.INIT_CWD ?? process.cwd(), file);
