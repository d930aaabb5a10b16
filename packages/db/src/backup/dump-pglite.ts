import type { PGlite } from "@electric-sql/pglite";

/** A consistent dump of an open PGlite (gzipped tar): no transaction in progress, everything checkpointed. */
export async function dumpPglite(pglite: PGlite): Promise<Uint8Array> {
  // PGlite runs one transaction at a time: inside our own, no other write is half-done.
  const file = await pglite.transaction(async (tx) => {
    await tx.exec("CHECKPOINT");
    return pglite.dumpDataDir("gzip");
  });
  return new Uint8Array(await file.arrayBuffer());
}
