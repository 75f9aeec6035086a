/**
 * A download streamed batch by batch: the text before the first batch, each batch rendered as it
 * is pulled (so a slow client holds back the database reads), the text after the last, and
 * `finished` once everything was sent (the audit entry, with the row count). A failure mid-way
 * ends the stream with an error instead of a truncated file that looks complete; a client that
 * goes away closes the batch source.
 */
export type BatchedDownload<T> = {
  batches: AsyncIterable<T>;
  /** Written before the first batch (a CSV header, "["). */
  head: string;
  /** One batch as text, and how many rows it counts for. */
  render: (batch: T) => Promise<{ text: string; rows: number }> | { text: string; rows: number };
  /** Written after the last batch ("]"). */
  tail?: string;
  /** Called after the stream closed, with the number of rows sent; its failure is only logged. */
  finished?: (rows: number) => Promise<unknown>;
  /** Names the download in the server log ("export"). */
  label?: string;
};

export function batchedDownload<T>({ batches, head, render, tail = "", finished, label = "export" }: BatchedDownload<T>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const source = batches[Symbol.asyncIterator]();
  let rows = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (head) controller.enqueue(encoder.encode(head));
    },
    async pull(controller) {
      try {
        // A pull must enqueue or close: a batch that renders to nothing moves on to the next.
        for (;;) {
          const next = await source.next();
          if (next.done) {
            if (tail) controller.enqueue(encoder.encode(tail));
            controller.close();
            await finished?.(rows).catch((error: unknown) => console.error(`[${label}] could not record the audit entry`, error));
            return;
          }
          const chunk = await render(next.value);
          rows += chunk.rows;
          if (chunk.text) {
            controller.enqueue(encoder.encode(chunk.text));
            return;
          }
        }
      } catch (error) {
        console.error(`[${label}] failed`, error);
        controller.error(new Error(`The ${label} failed.`));
      }
    },
    async cancel() {
      await source.return?.(undefined);
    },
  });
}
