import { describe, expect, it } from "vitest";
import type { Group, SegmentNode } from "@/lib/segments/definition";
import { expandedSize, type ReferenceKey } from "@/lib/segments/limits";

const field: SegmentNode = { type: "field", field: "country", operator: "eq", value: "US" };
const ref = (id: string): SegmentNode => ({ type: "membership", target: "segment", operator: "in", id });
const and = (...children: SegmentNode[]): Group => ({ type: "group", op: "and", children });

function graph(entries: Record<string, Group | null>) {
  return (key: ReferenceKey) => entries[key.slice("segment:".length)];
}

describe("expandedSize", () => {
  it("counts each condition once and groups not at all", () => {
    expect(expandedSize(and(), graph({}))).toBe(0);
    expect(expandedSize(and(field, and(field, and(field))), graph({}))).toBe(3);
  });

  it("counts a reference as one condition plus everything it expands to, each time it appears", () => {
    const g = graph({ b: and(field, field), c: and(ref("b"), ref("b")) });
    expect(expandedSize(and(ref("b")), g)).toBe(3);
    // c = 2 references × (1 + 2) = 6; a = 1 + 6
    expect(expandedSize(and(ref("c")), g)).toBe(7);
  });

  it("grows like the tree written out for chains of fan-out, but runs in linear time", () => {
    // level k references level k−1 ten times: 10^k leaves when written out.
    const levels: Record<string, Group> = { l0: and(field) };
    for (let k = 1; k <= 40; k++) levels[`l${k}`] = and(...Array.from({ length: 10 }, () => ref(`l${k - 1}`)));
    const g = graph(levels);
    expect(expandedSize(and(ref("l1")), g)).toBe(1 + 10 * 2);
    expect(expandedSize(and(ref("l3")), g)).toBe(1 + 10 * (1 + 10 * (1 + 10 * 2)));
    // 40 levels would be 10^40 conditions: the count saturates instead of overflowing.
    expect(expandedSize(and(ref("l40")), g)).toBe(1e12);
  });

  it("counts diamonds through both paths", () => {
    const g = graph({ d: and(field, field, field), b: and(ref("d")), c: and(ref("d"), field) });
    expect(expandedSize(and(ref("b"), ref("c")), g)).toBe(1 + (1 + 3) + 1 + (1 + 3 + 1));
  });

  it("adds nothing for unknown references, static segments and cycles", () => {
    const g = graph({ s: null, x: and(ref("y"), field), y: and(ref("x")) });
    expect(expandedSize(and(ref("missing"), ref("s")), g)).toBe(2);
    expect(Number.isFinite(expandedSize(and(ref("x")), g))).toBe(true);
  });
});
