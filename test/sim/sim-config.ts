/** Run budget and seed: CI runs the default; `npm run sim -- --runs N --seed S` passes them as env. */
export interface SimConfig {
  runs: number;
  seed: number | undefined;
  /** fast-check's replay path of a reported failure. */
  path: string | undefined;
  minSteps: number;
  maxSteps: number;
  terminals: number;
}

const int = (value: string | undefined): number | undefined => {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
};

export function simConfig(env: NodeJS.ProcessEnv = process.env): SimConfig {
  return {
    runs: int(env.SIM_RUNS) ?? 200,
    seed: int(env.SIM_SEED),
    path: env.SIM_PATH?.trim() || undefined,
    minSteps: int(env.SIM_MIN_STEPS) ?? 20,
    maxSteps: int(env.SIM_MAX_STEPS) ?? 40,
    terminals: int(env.SIM_TERMINALS) ?? 3,
  };
}
