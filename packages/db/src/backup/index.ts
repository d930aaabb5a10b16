// Backups of either database and the embedded data folder's control socket (used by the server).
export * from "./backup.ts";
export * from "./control-socket.ts";
