"use client";

import { Loader2 } from "lucide-react";
import type { ImportKind } from "@/lib/generated/prisma/enums";
import { DELIMITER_LABELS, DELIMITERS, ENCODING_LABELS, ENCODINGS, type ImportSettings } from "@/lib/imports/mapping";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, OptionSelect, Select } from "@/components/ui/field";
import { MATCH_LABELS, type Format } from "./model";

/** How the file is read (encoding, delimiter, header row) and how dates and customers are matched. */
export function FormatCard({
  kind,
  settings,
  format,
  busy,
  update,
  onFormat,
}: {
  kind: ImportKind;
  settings: ImportSettings;
  format: Format;
  busy: boolean;
  update: (change: Partial<ImportSettings>) => void;
  onFormat: (change: Partial<Format>) => Promise<void>;
}) {
  return (
    <Card>
      <CardHeader
        title="How the file is read"
        description="Detected from the file. Changing the encoding, delimiter or header re-reads the file and guesses the mapping again."
        action={
          busy ? (
            <span className="inline-flex items-center gap-1.5 text-sm text-slate-500" role="status">
              <Loader2 className="size-4 animate-spin" aria-hidden /> Re-reading the file…
            </span>
          ) : undefined
        }
      />
      <CardBody className="grid gap-4 sm:grid-cols-2">
        <Field id="import-encoding" label="Encoding">
          <OptionSelect
            id="import-encoding"
            value={format.encoding}
            disabled={busy}
            options={ENCODINGS}
            labels={ENCODING_LABELS}
            onValueChange={(v) => void onFormat({ encoding: v })}
          />
        </Field>
        <Field id="import-delimiter" label="Delimiter">
          <OptionSelect
            id="import-delimiter"
            value={format.delimiter}
            disabled={busy}
            options={DELIMITERS}
            labels={DELIMITER_LABELS}
            onValueChange={(v) => void onFormat({ delimiter: v })}
          />
        </Field>
        <Field id="import-date-order" label="Dates like 03/04/2024" hint="Unambiguous dates (2024-04-03, 31/12/2024) are always read correctly.">
          <Select
            id="import-date-order"
            value={settings.dateOrder ?? ""}
            onChange={(e) => update({ dateOrder: e.target.value === "DMY" ? "DMY" : e.target.value === "MDY" ? "MDY" : null })}
          >
            <option value="">Flag ambiguous dates like 03/04/2024</option>
            <option value="DMY">Day first (31/12/2024)</option>
            <option value="MDY">Month first (12/31/2024)</option>
          </Select>
        </Field>
        {kind === "CUSTOMERS" && (
          <Field id="import-match-by" label="Match existing customers by" hint="Matching customers are updated; the others are added.">
            <Select id="import-match-by" value={settings.matchBy} onChange={(e) => update({ matchBy: e.target.value === "email" ? "email" : "externalId" })}>
              <option value="externalId">{MATCH_LABELS.externalId}</option>
              <option value="email">{MATCH_LABELS.email}</option>
            </Select>
          </Field>
        )}
        <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-2">
          <input
            type="checkbox"
            className="size-4 accent-brand-600"
            checked={format.hasHeader}
            disabled={busy}
            onChange={(e) => void onFormat({ hasHeader: e.target.checked })}
          />
          First row is a header
          <span className="text-slate-400">(its cells name the columns and it is not imported)</span>
        </label>
      </CardBody>
    </Card>
  );
}
