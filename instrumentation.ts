/**
 * Runs once when a server process starts (`next start`, `next dev`): starts the background job
 * worker (lib/jobs). JOB_WORKER=off starts none (another process runs the jobs).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.JOB_WORKER === "off") return;
  const { startJobWorker } = await import("@/lib/jobs/start");
  startJobWorker();
}
