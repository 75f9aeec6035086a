/**
 * The one-page A4 persona card as a PDF, rendered on the server with @react-pdf/renderer: real
 * text (selectable, searchable), the built-in Helvetica, the photo re-encoded to PNG. Long lists
 * and texts are shortened, and the card sits in one box of the page's height, so it is always
 * exactly one A4 page. Key figures
 * follow the shared-view rule (lib/personas/share.ts): aggregates over fewer than SHARE_MIN_GROUP
 * customers are withheld.
 */
import { Document, Image, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import type { SharedCard } from "@/lib/personas/share-service";
import { avatarFor } from "@/lib/personas/avatar";
import { SHARE_MIN_GROUP, type SharedEvidence, type SharedFigure } from "@/lib/personas/share";
import { PERSONALITY_POINTS } from "@/lib/validations/persona";

export type PersonaPdfInput = {
  card: SharedCard;
  evidence: SharedEvidence;
  /** The photo as PNG or JPEG bytes, or null for the generated avatar. */
  photo: { data: Buffer; format: "png" | "jpg" } | null;
  generatedAt: Date;
};

/** A4 in points. */
const A4_HEIGHT = 841.89;
const BRAND = "#4f46e5";
const NEGATIVE = "#dc2626";
const INK = "#0f172a";
const MUTED = "#64748b";
const LINE = "#e2e8f0";

// Helvetica (a standard PDF font) writes Windows-1252: other characters are replaced.
const CP1252_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const REPLACEMENTS: Record<string, string> = { "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ı": "i", "−": "-", "↔": "-", "→": "->", "←": "<-", "≥": ">=", "≤": "<=", "×": "x", "\u00a0": " " };

/** Text Helvetica can draw: Windows-1252, with the usual stand-ins for the rest. */
export function pdfText(value: string): string {
  let out = "";
  for (const ch of value.normalize("NFC")) {
    const code = ch.codePointAt(0)!;
    if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(ch) || ch === "\n") out += ch;
    else {
      const base = ch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      out += /^[\x20-\x7e]+$/.test(base) ? base : "?";
    }
  }
  return out;
}

const clip = (value: string | null | undefined, max: number) => {
  if (!value) return "";
  const text = pdfText(value.trim());
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
};

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const count = new Intl.NumberFormat("en-US");
const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 && x > 0 ? 1 : 0)}%`;
const date = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

const s = StyleSheet.create({
  page: { fontFamily: "Helvetica", fontSize: 8.5, color: INK },
  // The whole card in one box of the page's height (less the footer): it never spills onto a
  // second page; whatever would not fit is cut off (the lists are shortened first, below).
  sheet: { height: A4_HEIGHT - 34, overflow: "hidden" },
  band: { height: 64 },
  header: { flexDirection: "row", paddingHorizontal: 32, marginTop: -40 },
  photo: { width: 92, height: 92, borderRadius: 46, borderWidth: 3, borderColor: "#ffffff", objectFit: "cover" },
  initials: { width: 92, height: 92, borderRadius: 46, borderWidth: 3, borderColor: "#ffffff", alignItems: "center", justifyContent: "center" },
  initialsText: { color: "#ffffff", fontSize: 30, fontFamily: "Helvetica-Bold" },
  titleBox: { marginLeft: 16, marginTop: 44, flex: 1 },
  kicker: { fontSize: 7, letterSpacing: 1, color: MUTED, fontFamily: "Helvetica-Bold", textTransform: "uppercase" },
  name: { fontSize: 22, fontFamily: "Helvetica-Bold", marginTop: 2 },
  headline: { fontSize: 11, color: "#475569", marginTop: 2 },
  body: { paddingHorizontal: 32 },
  quote: { marginTop: 12, paddingLeft: 10, borderLeftWidth: 3, fontSize: 11, fontFamily: "Helvetica-Oblique", color: "#334155" },
  demographics: { flexDirection: "row", flexWrap: "wrap", marginTop: 12, paddingVertical: 8, borderTopWidth: 1, borderBottomWidth: 1, borderColor: LINE },
  demo: { width: "25%", paddingVertical: 3, paddingRight: 6 },
  label: { fontSize: 6.5, color: MUTED, textTransform: "uppercase", letterSpacing: 0.6, fontFamily: "Helvetica-Bold" },
  value: { fontSize: 9, marginTop: 1.5 },
  columns: { flexDirection: "row", marginTop: 12 },
  left: { flex: 1.35, paddingRight: 14 },
  right: { flex: 1 },
  section: { marginBottom: 9 },
  sectionTitle: { fontSize: 7.5, fontFamily: "Helvetica-Bold", color: MUTED, textTransform: "uppercase", letterSpacing: 0.8, marginBottom: 3 },
  story: { color: "#334155" },
  item: { flexDirection: "row", marginBottom: 2 },
  bullet: { width: 8 },
  itemText: { flex: 1 },
  grid2: { flexDirection: "row", flexWrap: "wrap" },
  half: { width: "50%", paddingRight: 8 },
  panel: { backgroundColor: "#f8fafc", borderRadius: 6, padding: 9, marginBottom: 9 },
  big: { fontSize: 18, fontFamily: "Helvetica-Bold" },
  figures: { flexDirection: "row", flexWrap: "wrap", marginTop: 6 },
  figure: { width: "50%", paddingVertical: 3 },
  figureValue: { fontSize: 10.5, fontFamily: "Helvetica-Bold", marginTop: 1 },
  small: { fontSize: 7, color: MUTED },
  slider: { flexDirection: "row", alignItems: "center", marginBottom: 4 },
  sliderLeft: { width: 70, textAlign: "right", fontSize: 7.5 },
  sliderRight: { width: 70, fontSize: 7.5 },
  dots: { flexDirection: "row", marginHorizontal: 6 },
  dot: { width: 7, height: 7, borderRadius: 3.5, marginHorizontal: 1.5 },
  chip: { fontSize: 7.5, backgroundColor: "#f1f5f9", borderRadius: 3, paddingHorizontal: 4, paddingVertical: 1.5, marginRight: 3, marginBottom: 3 },
  footer: { position: "absolute", left: 32, right: 32, bottom: 16, flexDirection: "row", justifyContent: "space-between", fontSize: 6.5, color: MUTED },
});

function List({ title, items, max = 3 }: { title: string; items: string[]; max?: number }) {
  if (items.length === 0) return null;
  const shown = items.slice(0, max);
  return (
    <View style={s.section}>
      <Text style={s.sectionTitle}>{title}</Text>
      {shown.map((item, i) => (
        <View key={i} style={s.item}>
          <Text style={s.bullet}>•</Text>
          <Text style={s.itemText}>{clip(item, 100)}</Text>
        </View>
      ))}
      {items.length > max && <Text style={s.small}>+ {items.length - max} more</Text>}
    </View>
  );
}

function Chips({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <View style={s.section}>
      <Text style={s.sectionTitle}>{title}</Text>
      <View style={s.grid2}>
        {items.slice(0, 6).map((item, i) => (
          <Text key={i} style={s.chip}>
            {clip(item, 40)}
          </Text>
        ))}
      </View>
    </View>
  );
}

function Figure({ label, value, format }: { label: string; value: SharedFigure; format: (n: number) => string }) {
  return (
    <View style={s.figure}>
      <Text style={s.label}>{label}</Text>
      <Text style={s.figureValue}>{value === null ? `Fewer than ${SHARE_MIN_GROUP}` : value.persona === null ? "-" : format(value.persona)}</Text>
      {value !== null && value.base !== null && <Text style={s.small}>all customers: {format(value.base)}</Text>}
    </View>
  );
}

function Evidence({ evidence, accent }: { evidence: SharedEvidence; accent: string }) {
  if (evidence.status === "ungrounded" || evidence.status === "unavailable") return null;
  if (evidence.status === "too-few")
    return (
      <View style={s.panel}>
        <Text style={s.sectionTitle}>Grounded in data</Text>
        <Text>Fewer than {SHARE_MIN_GROUP} customers match this persona: its figures are withheld.</Text>
      </View>
    );
  const age = (n: number) => `${n.toFixed(n % 1 ? 1 : 0)} years`;
  const top = evidence.countries.rows.slice(0, 3).map((r) => `${r.value} ${pct(r.share)}`);
  const channels = evidence.channels.rows.slice(0, 3).map((r) => `${r.value} ${pct(r.share)}`);
  return (
    <View style={s.panel}>
      <Text style={s.sectionTitle}>Grounded in data</Text>
      <Text style={[s.big, { color: accent }]}>{count.format(evidence.matching)}</Text>
      <Text style={s.small}>
        matching customers, {pct(evidence.share)} of {count.format(evidence.base)}
      </Text>
      <View style={s.figures}>
        <Figure label="Median age" value={evidence.medianAge} format={age} />
        <Figure label="Median income" value={evidence.medianIncome} format={(n) => money.format(n)} />
        <Figure label="Avg. lifetime value" value={evidence.averageClv} format={(n) => money.format(n)} />
        <Figure label="Avg. order value" value={evidence.averageOrderValue} format={(n) => money.format(n)} />
      </View>
      {top.length > 0 && (
        <Text style={[s.small, { marginTop: 4 }]}>
          <Text style={{ fontFamily: "Helvetica-Bold" }}>Top countries: </Text>
          {clip(top.join(", "), 120)}
        </Text>
      )}
      {channels.length > 0 && (
        <Text style={[s.small, { marginTop: 2 }]}>
          <Text style={{ fontFamily: "Helvetica-Bold" }}>Channels: </Text>
          {clip(channels.join(", "), 120)}
        </Text>
      )}
    </View>
  );
}

export function PersonaPdf({ card, evidence, photo, generatedAt }: PersonaPdfInput) {
  const accent = card.isNegative ? NEGATIVE : BRAND;
  const avatar = avatarFor(card.name);
  const demographics = (
    [
      ["Age", card.ageRange],
      ["Gender", card.gender],
      ["Location", card.location],
      ["Occupation", card.occupation],
      ["Income", card.incomeBand],
      ["Education", card.education],
      ["Family", card.family],
    ] as const
  ).filter(([, v]) => !!v);
  return (
    <Document title={pdfText(`${card.name} — persona`)} author="Segmently" subject="Persona card" creator="Segmently" producer="Segmently">
      <Page size="A4" style={s.page}>
        <View style={s.sheet} wrap={false}>
          <View style={[s.band, { backgroundColor: accent }]} />
          <View style={s.header}>
            {photo ? (
              // eslint-disable-next-line jsx-a11y/alt-text -- a PDF image, not an HTML one
              <Image src={photo} style={s.photo} />
            ) : (
              <View style={[s.initials, { backgroundColor: avatar.color }]}>
                <Text style={s.initialsText}>{pdfText(avatar.initials)}</Text>
              </View>
            )}
            <View style={s.titleBox}>
              <Text style={[s.kicker, card.isNegative ? { color: NEGATIVE } : {}]}>{card.isNegative ? "Negative persona" : "Persona"}</Text>
              <Text style={s.name}>{clip(card.name, 60)}</Text>
              {card.headline && <Text style={s.headline}>{clip(card.headline, 110)}</Text>}
            </View>
          </View>
          <View style={s.body}>
            {card.quote && <Text style={[s.quote, { borderColor: accent }]}>“{clip(card.quote, 220)}”</Text>}
            {demographics.length > 0 && (
              <View style={s.demographics}>
                {demographics.map(([label, value]) => (
                  <View key={label} style={s.demo}>
                    <Text style={s.label}>{label}</Text>
                    <Text style={s.value}>{clip(value, 40)}</Text>
                  </View>
                ))}
              </View>
            )}
            <View style={s.columns}>
              <View style={s.left}>
                {card.description && (
                  <View style={s.section}>
                    <Text style={s.sectionTitle}>Story</Text>
                    <Text style={s.story}>{clip(card.description, 520)}</Text>
                  </View>
                )}
                <View style={s.grid2}>
                  <View style={s.half}>
                    <List title="Goals" items={card.goals} />
                    <List title="Motivations" items={card.motivations} />
                    <List title="Buying triggers" items={card.buyingTriggers} />
                  </View>
                  <View style={s.half}>
                    <List title="Pain points" items={card.painPoints} />
                    <List title="Needs / jobs to be done" items={card.needs} />
                    <List title="Objections" items={card.objections} />
                  </View>
                </View>
              </View>
              <View style={s.right}>
                <Evidence evidence={evidence} accent={accent} />
                {card.personality.length > 0 && (
                  <View style={s.section}>
                    <Text style={s.sectionTitle}>Personality</Text>
                    {card.personality.slice(0, 6).map((p) => (
                      <View key={p.key} style={s.slider}>
                        <Text style={[s.sliderLeft, p.value <= 2 ? { fontFamily: "Helvetica-Bold" } : { color: MUTED }]}>{clip(p.left, 22)}</Text>
                        <View style={s.dots}>
                          {Array.from({ length: PERSONALITY_POINTS }, (_, k) => (
                            <View key={k} style={[s.dot, { backgroundColor: k + 1 === p.value ? accent : LINE }]} />
                          ))}
                        </View>
                        <Text style={[s.sliderRight, p.value >= 4 ? { fontFamily: "Helvetica-Bold" } : { color: MUTED }]}>{clip(p.right, 22)}</Text>
                      </View>
                    ))}
                  </View>
                )}
                <Chips title="Preferred channels" items={card.preferredChannels} />
                <Chips title="Brands & media" items={card.brandsMedia} />
                <Chips title="Technology" items={card.technology} />
              </View>
            </View>
          </View>
        </View>
        <View style={s.footer} fixed>
          <Text>Segmently · persona card · {date.format(generatedAt)}</Text>
          <Text>Figures over fewer than {SHARE_MIN_GROUP} customers are withheld. No individual customer is shown.</Text>
        </View>
      </Page>
    </Document>
  );
}

export async function renderPersonaPdf(input: PersonaPdfInput): Promise<Buffer> {
  return renderToBuffer(<PersonaPdf {...input} />);
}

/** The stored photo (WebP) as PNG for the PDF; null when there is none or it cannot be read. */
export async function photoForPdf(photo: { bytes: Uint8Array } | null): Promise<PersonaPdfInput["photo"]> {
  if (!photo) return null;
  const { default: sharp } = await import("sharp");
  try {
    return { data: await sharp(photo.bytes).resize(256, 256, { fit: "cover" }).png().toBuffer(), format: "png" };
  } catch {
    return null;
  }
}

/** A file name for the download: the persona's name in plain letters. */
export function pdfFileName(name: string): string {
  const base = name.normalize("NFKD").replace(/[^\w\s-]/g, "").trim().replace(/\s+/g, "-").toLowerCase().slice(0, 60);
  return `${base || "persona"}-persona.pdf`;
}
