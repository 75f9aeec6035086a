import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { limitPreview, PreviewLimitError, resetPreviewLimitsForTesting } from "@/lib/segments/preview-limit";

const saved = { ...process.env };

beforeEach(() => {
  process.env.PREVIEW_RATE_LIMIT_PER_MINUTE = "3";
  process.env.PREVIEW_CONCURRENCY_PER_WORKSPACE = "2";
  resetPreviewLimitsForTesting();
});

afterEach(() => {
  process.env = { ...saved };
  resetPreviewLimitsForTesting();
});

const quick = async () => "counted";

describe("preview limits", () => {
  it("allows a user their previews a minute, then refuses with when to retry; other users are unaffected", async () => {
    for (let i = 0; i < 3; i++) expect(await limitPreview("ws-1", "alice", quick)).toBe("counted");
    const refused = await limitPreview("ws-1", "alice", quick).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PreviewLimitError);
    expect((refused as Error).message).toMatch(/Too many live counts.*resumes in \d+ s/);
    expect(await limitPreview("ws-1", "bob", quick)).toBe("counted");
  });

  it("runs at most the configured number of previews of one workspace at once", async () => {
    const gates: Array<() => void> = [];
    const slow = () => new Promise<string>((resolve) => gates.push(() => resolve("slow")));
    const first = limitPreview("ws-1", "u1", slow);
    const second = limitPreview("ws-1", "u2", slow);
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 10));
    const third = await limitPreview("ws-1", "u3", quick).catch((e: unknown) => e);
    expect(third).toBeInstanceOf(PreviewLimitError);
    expect((third as Error).message).toMatch(/Other live counts are running in this workspace/);
    // Another workspace is not held up by this one.
    expect(await limitPreview("ws-2", "u4", quick)).toBe("counted");
    for (const open of gates) open();
    expect(await Promise.all([first, second])).toEqual(["slow", "slow"]);
    // The slots are free again once the previews end, even after a failure.
    await expect(limitPreview("ws-1", "u5", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limitPreview("ws-1", "u6", quick)).toBe("counted");
  });
});
