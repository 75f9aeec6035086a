import { createReadStream } from "node:fs";
import type { Transform } from "node:stream";
import { parse, type CsvError } from "csv-parse";
import iconv from "iconv-lite";
import type { Delimiter, Encoding } from "@/lib/imports/mapping";

/**
 * Reads a stored CSV file as a stream of records, never holding more than a few chunks in memory.
 * Each item is a record with the line it starts on, or a problem with a line that could not be
 * read (an unclosed quote, an overlong record); the rest of the file is read on.
 */
export type FileItem =
  | { type: "record"; line: number; cells: string[] }
  | { type: "unreadable"; line: number; message: string };

export const MAX_RECORD_CHARS = 1_000_000;

export type ReadOptions = {
  encoding: Encoding;
  delimiter: Delimiter;
  /** Bytes read from disk so far (for progress). */
  onBytes?: (bytes: number) => void;
  /** Stop reading when this signal aborts. */
  signal?: AbortSignal;
};

function describe(error: CsvError, startLine: number, endLine: number): string {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return endLine > startLine
        ? `A quote opened on line ${startLine} is never closed, so lines ${startLine}–${endLine} could not be read. Close the quote (or remove it) and import the file again.`
        : `A quote on line ${startLine} is never closed.`;
    case "CSV_MAX_RECORD_SIZE":
      return `The row starting on line ${startLine} is longer than ${MAX_RECORD_CHARS.toLocaleString("en-US")} characters. It was skipped.`;
    case "CSV_INVALID_CLOSING_QUOTE":
      return `A quoted value on line ${endLine} is followed by other characters. Quote the whole value.`;
    default:
      return `Line ${startLine} could not be read: ${error.message}`;
  }
}

export async function* readRecords(file: string, options: ReadOptions): AsyncGenerator<FileItem> {
  const source = createReadStream(file, { highWaterMark: 256 * 1024 });
  let bytes = 0;
  source.on("data", (chunk) => {
    bytes += chunk.length;
    options.onBytes?.(bytes);
  });
  // iconv-lite declares its streams loosely; they are Transform streams.
  const decoder = iconv.decodeStream(options.encoding) as unknown as Transform;
  const parser = parse({
    delimiter: options.delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  const pending: FileItem[] = [];
  let lastEnd = 0;
  parser.on("skip", (error: CsvError) => {
    const end = Number((error as unknown as { lines?: number }).lines ?? lastEnd + 1);
    const start = Math.min(lastEnd + 1, end);
    pending.push({ type: "unreadable", line: start, message: describe(error, start, end) });
    lastEnd = end;
  });
  source.on("error", (e) => parser.destroy(e));
  decoder.on("error", (e: Error) => parser.destroy(e));
  source.pipe(decoder).pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (options.signal?.aborted) return;
      while (pending.length) yield pending.shift()!;
      let embedded = 0;
      for (const cell of item.record) {
        if (cell.length > 0 && cell.includes("\n")) embedded += cell.split("\n").length - 1;
        else if (cell.includes("\r")) embedded += cell.split("\r").length - 1;
      }
      lastEnd = item.info.lines;
      yield { type: "record", line: item.info.lines - embedded, cells: item.record };
    }
    while (pending.length) yield pending.shift()!;
  } finally {
    source.destroy();
    decoder.destroy();
    parser.destroy();
  }
}
