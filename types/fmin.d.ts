/**
 * fmin 0.0.4 ships no types, and its build is a UMD bundle: loaded as an ES module it exports
 * nothing and installs `globalThis.fmin` instead (see lib/analytics/optimize.ts, which reads it).
 */
declare module "fmin" {}

type FminPoint = number[] & { fx?: number };

type FminNelderMeadOptions = {
  maxIterations?: number;
  nonZeroDelta?: number;
  zeroDelta?: number;
  minErrorDelta?: number;
  minTolerance?: number;
  sigma?: number;
};

type FminModule = {
  nelderMead(f: (x: number[]) => number, x0: number[], parameters?: FminNelderMeadOptions): { fx: number; x: FminPoint };
};
