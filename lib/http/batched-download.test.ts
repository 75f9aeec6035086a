import { describe, expect, it, vi } from "vitest";
import { batchedDownload } from "@/lib/http/batched-download";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

async function* from<T>(batches: T[][], failAt = -1) {
  for (let i = 0; i < batches.length; i++) {
    if (i === failAt) throw new Error("connection lost");
    yield batches[i]!;
  }
}

describe("batchedDownload", () => {
  it("writes head, every batch in order and tail, then reports the rows sent", async () => {
    const finished = vi.fn(async () => undefined);
    const stream = batchedDownload({
      batches: from([[1, 2], [], [3]]),
      head: "[",
      render: (b: number[]) => ({ text: b.map((n) => `${n},`).join(""), rows: b.length }),
      tail: "]",
      finished,
    });
    expect(await readAll(stream)).toBe("[1,2,3,]");
    expect(finished).toHaveBeenCalledWith(3);
  });

  it("an empty source gives head and tail only, and zero rows", async () => {
    const finished = vi.fn(async () => undefined);
    const text = await readAll(batchedDownload({ batches: from<number>([]), head: "h\n", render: () => ({ text: "x", rows: 1 }), finished }));
    expect(text).toBe("h\n");
    expect(finished).toHaveBeenCalledWith(0);
  });

  it("a failure mid-way errors the stream instead of ending it as if complete, and records nothing", async () => {
    const finished = vi.fn(async () => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const stream = batchedDownload({ batches: from([[1], [2]], 1), head: "", render: (b: number[]) => ({ text: String(b[0]), rows: 1 }), finished });
    await expect(readAll(stream)).rejects.toThrow("The export failed.");
    expect(finished).not.toHaveBeenCalled();
    error.mockRestore();
  });

  it("a failing audit entry is logged, the file still completes", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const text = await readAll(
      batchedDownload({ batches: from([[1]]), head: "", render: () => ({ text: "a", rows: 1 }), finished: () => Promise.reject(new Error("db down")) }),
    );
    expect(text).toBe("a");
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it("a client going away closes the source", async () => {
    let closed = false;
    async function* endless() {
      try {
        for (;;) yield [1];
      } finally {
        closed = true;
      }
    }
    const reader = batchedDownload({ batches: endless(), head: "", render: () => ({ text: "1", rows: 1 }) }).getReader();
    await reader.read();
    await reader.cancel();
    expect(closed).toBe(true);
  });
});
