// Sizes of a full run (issue 14's table) and of a smoke run (a few seconds each, no targets).

export interface Sizes {
  /** socket counts of the fan-out scenarios */
  fanoutSockets: number[];
  /** seconds of renames at `renamesPerSecond`, after a short warm-up */
  fanoutSeconds: number;
  renamesPerSecond: number;
  connectSockets: number;
  writeConnections: number;
  writeSeconds: number;
  readConnections: number;
  readSeconds: number;
  /** seconds of load before a measured autocannon run (JIT, pools, caches) */
  warmupSeconds: number;
  bigBoardTasks: number;
  /** a Chromium page that is not done by then is reported as "did not finish" */
  chromiumCapSeconds: number;
  /** measured page loads of each side in Chromium (after one warm-up): the median load is reported */
  chromiumLoads: number;
  stormSockets: number;
  floodSockets: number;
  floodSeconds: number;
  loginsPerSecond: number;
}

export const FULL: Sizes = {
  fanoutSockets: [1000, 5000],
  fanoutSeconds: 30,
  renamesPerSecond: 10,
  connectSockets: 1000,
  writeConnections: 50,
  writeSeconds: 30,
  readConnections: 10,
  readSeconds: 20,
  warmupSeconds: 5,
  bigBoardTasks: 10_000,
  chromiumCapSeconds: 60,
  chromiumLoads: 3,
  stormSockets: 1000,
  floodSockets: 1000,
  floodSeconds: 20,
  loginsPerSecond: 100,
};

export const SMOKE: Sizes = {
  fanoutSockets: [50],
  fanoutSeconds: 3,
  renamesPerSecond: 10,
  connectSockets: 50,
  writeConnections: 5,
  writeSeconds: 3,
  readConnections: 2,
  readSeconds: 3,
  warmupSeconds: 1,
  bigBoardTasks: 500,
  chromiumCapSeconds: 20,
  chromiumLoads: 1,
  stormSockets: 50,
  floodSockets: 50,
  floodSeconds: 3,
  loginsPerSecond: 100,
};

/**
 * Extra environment for the server under test. Limits the server will grow (for example
 * CREWBOARD_MAX_SOCKETS_PER_USER: the bench signs in thousands of sockets as a few demo users)
 * go here, so that the bench measures the server rather than its refusals. Any CREWBOARD_*
 * variable set when the bench starts, and every `--server-env NAME=value`, is passed on too.
 * Never a switch that turns a protection off for the bench alone: a limit that truly blocks the
 * bench is reported, not bypassed.
 */
export const SERVER_ENV: Record<string, string> = { CREWBOARD_MAX_SOCKETS_PER_USER: "100000" };

/** The accounts the bench signs in as (the demo data's; password crewboard-demo). */
export const STAFF_ACCOUNTS = ["manager1@crewboard.example", "manager2@crewboard.example", "admin@crewboard.example"];
export const CREW_ACCOUNTS = Array.from({ length: 8 }, (_, i) => `crew${i + 1}@crewboard.example`);
export const DEMO_PASSWORD = "crewboard-demo";
