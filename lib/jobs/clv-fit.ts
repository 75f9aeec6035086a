import "server-only";
import { isTimeoutError, QueryTimeoutError } from "@/lib/db/statement-timeout";
import { CLV_FIT_JOB, clvFitPayload, fitWorkspaceClv } from "@/lib/insights/clv-model";
import { JobFailure, type JobHandler } from "@/lib/jobs/worker";

export { CLV_FIT_JOB };

/**
 * "clv-fit": fits the workspace's lifetime-value model and replaces its predictions
 * (lib/insights/clv-model.ts). Thin data is not a failure: the model row says what is needed.
 */
export const clvFitHandler: JobHandler = {
  async run(job, { db }) {
    const payload = clvFitPayload.parse(job.payload ?? {});
    try {
      await fitWorkspaceClv(db, job.workspaceId, { horizonMonths: payload.horizonMonths });
    } catch (error) {
      if (error instanceof QueryTimeoutError || isTimeoutError(error))
        throw new JobFailure("Reading the orders took too long (the database is busy or the workspace very large). Try again in a moment.");
      throw error;
    }
  },
};
