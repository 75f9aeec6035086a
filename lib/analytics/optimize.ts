/**
 * Maximum-likelihood fitting by Nelder–Mead (fmin) on log-parameters, from several deterministic
 * starting points: each start is searched once, and the best of them is restarted from its own
 * optimum until a restart no longer improves the objective.
 *
 * Two quirks of fmin 0.0.4 are worked around here:
 * - its build is a UMD bundle: imported as an ES module it exports nothing and sets
 *   `globalThis.fmin`, which is read here once and checked;
 * - its shrink step assigns an undeclared variable, which throws in an ES module. With σ = 1 the
 *   simplex stops instead of shrinking, and the search is restarted from its best point (a fresh
 *   simplex around it) until a restart no longer improves the objective — Nelder–Mead with
 *   restarts, a standard remedy for a simplex that collapses early anyway.
 */
import "fmin";

function loadFmin(): FminModule {
  const mod = (globalThis as { fmin?: Partial<FminModule> }).fmin;
  if (!mod || typeof mod.nelderMead !== "function") throw new Error("fmin's nelderMead could not be loaded");
  return mod as FminModule;
}

const fmin = loadFmin();

export type MinimizeResult = {
  /** The minimising point. */
  x: number[];
  /** The objective there. */
  fx: number;
};

/** Restarts of one search from its best point, at most. */
const MAX_RESTARTS = 200;

/** Bounds log-parameters so exp() stays finite and positive. */
const LOG_BOUND = 30;

/**
 * Minimises `objective` over log-parameters from every start (each a vector of log-parameters),
 * returning the best. Non-finite objective values count as +∞ to the simplex.
 */
export function minimizeFromStarts(objective: (logParams: number[]) => number, starts: number[][], options: { maxIterations?: number; tolerance?: number } = {}): MinimizeResult {
  const f = (x: number[]) => {
    for (const v of x) if (!(Math.abs(v) <= LOG_BOUND)) return 1e300;
    const y = objective(x);
    return Number.isFinite(y) ? y : 1e300;
  };
  const tolerance = options.tolerance ?? 1e-10;
  const params: FminNelderMeadOptions = { maxIterations: options.maxIterations ?? 2000, minErrorDelta: tolerance, sigma: 1 };
  // Every start is searched once; the best is then restarted from its optimum until a restart no
  // longer improves it.
  let best: MinimizeResult | null = null;
  for (const start of starts) {
    const r = fmin.nelderMead(f, start.slice(), params);
    if (!best || r.fx < best.fx) best = { x: Array.from(r.x), fx: r.fx };
  }
  for (let restart = 0; best && restart < MAX_RESTARTS; restart++) {
    const next = fmin.nelderMead(f, best.x.slice(), params);
    const improved = best.fx - next.fx;
    if (next.fx <= best.fx) best = { x: Array.from(next.x), fx: next.fx };
    if (!(improved > tolerance * (1 + Math.abs(best.fx)))) break;
  }
  if (!best) throw new Error("minimizeFromStarts needs at least one starting point");
  return best;
}
