/**
 * Writes the demo CSV files a new user can import, under public/demo/:
 *
 *   npx tsx scripts/generate-demo-csv.ts
 *
 *   customers.csv              1,000 customers (seed 7, now = 2026-11-01T00:00:00Z), ids IMP-000001…
 *   orders.csv                 their orders, ids IMP-ORD-0000001…
 *   events.csv                 their events
 *   customers-with-errors.csv  30 customers (seed 8, ids IMP-900001…) in the customers format
 *
 * The output is byte-for-byte the same on every run; lib/demo/demo-csv.test.ts fails when the
 * committed files differ from a fresh build. The rows are built in lib/demo/csv.ts.
 *
 * customers-with-errors.csv — the rows the import must report, by data row (row n starts on file
 * line n + 1 up to row 28, which spans lines 29–33; rows 29 and 30 are on lines 34 and 35):
 *   row  3  Email          invalid e-mail address, the @ typed as a dot (guilherme.martins.example.com)
 *   row  6  Date of Birth  birth date in the future: 2090-06-15
 *   row  9  Date of Birth  ambiguous date 03/04/1990 (reported unless a date order is chosen)
 *   row 12  Annual Income  not a number: "sixty thousand"
 *   row 14  Country        unknown country code XX
 *   row 17  Customer ID    missing
 *   row 20  Customer ID    duplicate of row 2 (IMP-900002) within the file
 *   row 23  First Name     300 characters long
 *   row 26  City           too many cells: "Portland, OR" written without quotes gives 22 cells
 * Rows that look unusual but are valid:
 *   row  5  Last Name      quoted cell with a comma ("…, Jr.")
 *   row 10  First Name     quoted cell with doubled quotes (Katherine "Kate")
 *   row 28  Interests      quoted cell with embedded line breaks: one tag per line, each ending in ";"
 * Every other row is valid.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildDemoCsvFiles, DEMO_CSV_FILES } from "../lib/demo/csv";

const outDir = path.resolve(import.meta.dirname, "../public/demo");
mkdirSync(outDir, { recursive: true });
const files = buildDemoCsvFiles();
for (const name of DEMO_CSV_FILES) {
  const bytes = Buffer.from(files[name], "utf8");
  writeFileSync(path.join(outDir, name), bytes);
  console.log(`• public/demo/${name}: ${bytes.length.toLocaleString("en-US")} bytes`);
}
