import "server-only";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { SegmentError } from "@/lib/segments/errors";
import { getSegment } from "@/lib/segments/store";

/** The segment named in a URL, if it belongs to the workspace in the same URL; otherwise a 404. */
export async function segmentFromParams(workspaceId: string, segmentId: string) {
  try {
    return await getSegment(db, workspaceId, segmentId);
  } catch (error) {
    if (error instanceof SegmentError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
