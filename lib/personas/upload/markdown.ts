import type { Paragraph, Root, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toString } from "mdast-util-to-string";
import { findField, type PersonaField } from "@/lib/personas/fields";
import { addSection, fileProblem, newRaw, setFromText, type ParsedFile, type RawPersona } from "@/lib/personas/upload/common";

/**
 * Reads the Markdown template: each `# Name` heading starts a persona. Under it, `> a quote` is the
 * quote, lines "Label: value" set a field ("Age: 25–34", "Negative persona: yes", "Tags: a, b"),
 * other paragraphs are the story, and `![](data:image/…)` is the photo. A `## Heading` whose title
 * names a card field fills it — bullets (or lines) for a list field or the sliders, the paragraph
 * text for a text field; any other `## Heading` becomes a free section {title, body}.
 */
type Block = RootContent;
type Current = { raw: RawPersona; section: { field: PersonaField } | { title: string; body: string[] } | null; story: string[] };

const KEY_VALUE = /^([^:]{1,60}):\s*(.*)$/;

export function parseMarkdownFile(text: string): ParsedFile {
  const out: ParsedFile = { format: "markdown", personas: [], problems: [], warnings: [] };
  const tree: Root = fromMarkdown(text);
  let current: Current | null = null;
  let ignored = false;

  const finish = () => {
    if (!current) return;
    closeSection(current);
    if (current.story.length > 0 && current.raw.values.description === undefined) current.raw.values.description = current.story.join("\n\n");
    out.personas.push(current.raw);
  };

  for (const node of tree.children) {
    const line = node.position?.start.line ?? 0;
    if (node.type === "heading" && node.depth === 1) {
      finish();
      const raw = newRaw(`line ${line}`);
      raw.values.name = toString(node).trim();
      current = { raw, section: null, story: [] };
      continue;
    }
    if (!current) {
      if (node.type !== "html" && node.type !== "thematicBreak" && node.type !== "definition") ignored = true;
      continue;
    }
    if (node.type === "heading") {
      closeSection(current);
      const title = toString(node).trim();
      const field = findField(title);
      current.section = field && field.key !== "name" ? { field } : { title: title.slice(0, 120), body: [] };
      continue;
    }
    readBlock(current, node);
  }
  finish();
  if (ignored) out.warnings.push('Text before the first "# Name" heading was ignored.');
  if (out.personas.length === 0 && text.trim() !== "") out.problems.push(fileProblem('No persona found: start each persona with a "# Name" heading.'));
  return out;
}

function closeSection(current: Current) {
  const s = current.section;
  if (s && "title" in s && s.body.length > 0) addSection(current.raw, s.title, s.body.join("\n\n"));
  current.section = null;
}

/** Takes the photo out of a paragraph's images (data URLs only) and returns its text without them. */
function takeImages(current: Current, p: Paragraph): string {
  for (const child of p.children) {
    if (child.type !== "image") continue;
    if (child.url.startsWith("data:")) {
      if (current.raw.photo) current.raw.warnings.push("Only the first embedded image is used as the photo.");
      else current.raw.photo = child.url;
    } else current.raw.warnings.push("Only embedded images (data URLs) are imported; an image link was skipped.");
  }
  return p.children
    .filter((c) => c.type !== "image")
    .map((c) => toString(c))
    .join("")
    .trim();
}

function readBlock(current: Current, node: Block) {
  const { raw, section } = current;
  if (node.type === "blockquote" && (!section || ("field" in section && section.field.key === "quote"))) {
    raw.values.quote = toString(node).trim().replace(/^["“]|["”]$/g, "");
    return;
  }
  if (node.type === "list") {
    const items = node.children.map((item) => toString(item).trim());
    if (!section) raw.warnings.push("A list outside a heading was ignored: put it under a heading such as “## Goals”.");
    else if ("field" in section) setFromText(raw, section.field, items);
    else section.body.push(items.map((i) => `- ${i}`).join("\n"));
    return;
  }
  if (node.type === "paragraph") {
    const textValue = takeImages(current, node);
    if (textValue === "") return;
    if (!section) {
      // "Label: value" lines set fields; other lines tell the story.
      const story: string[] = [];
      for (const l of textValue.split("\n")) {
        const m = KEY_VALUE.exec(l.trim());
        const field = m ? findField(m[1] ?? "") : null;
        if (m && field && field.key !== "name") setFromText(raw, field, field.kind === "list" || field.kind === "personality" ? (m[2] ?? "").split(";") : [m[2] ?? ""]);
        else story.push(l);
      }
      if (story.length > 0) current.story.push(story.join("\n"));
      return;
    }
    if ("field" in section) {
      const f = section.field;
      if (f.kind === "text") raw.values[f.key] = [raw.values[f.key], textValue].filter((v) => typeof v === "string" && v !== "").join("\n\n");
      else setFromText(raw, f, textValue.split("\n"));
    } else section.body.push(textValue);
    return;
  }
  if (node.type === "code" && section && "title" in section) {
    section.body.push(node.value);
    return;
  }
  if (node.type === "thematicBreak" || node.type === "html" || node.type === "definition") return;
  raw.warnings.push(`A ${node.type} block was ignored.`);
}
