/** A JSON document as a download: `<name>-<yyyy-mm-dd>.json`, never cached, never sniffed. */
export function jsonDownload(doc: unknown, name: string): Response {
  const date = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(doc, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name.replace(/[^a-z0-9-]/gi, "-")}-${date}.json"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
