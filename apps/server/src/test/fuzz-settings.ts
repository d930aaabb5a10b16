// The catalogue fuzz's knobs (access-matrix/fuzz.test.ts): a seed to replay a failure it printed,
// and how many mutated calls each operation gets. Test-only settings, never the app's.
export const FUZZ_SEED = Number(process.env.CREWBOARD_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
export const FUZZ_RUNS = Number(process.env.CREWBOARD_FUZZ_RUNS ?? 12);
