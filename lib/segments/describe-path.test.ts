import { describe, expect, it } from "vitest";
import { describeIssue, describePath, summarizeIssues } from "@/lib/segments/describe-path";

describe("describePath", () => {
  it("counts rules from 1 in the top group", () => {
    expect(describePath("root.children[0]")).toBe("Rule 1");
    expect(describePath("root.children[1].id")).toBe("Rule 2, choice");
    expect(describePath("root.children[200]")).toBe("Rule 201");
  });

  it("names the group a nested rule is inside", () => {
    expect(describePath("root.children[2].children[0]")).toBe("Rule 1 inside rule 3 (a group)");
    expect(describePath("root.children[0].children[2].value")).toBe("Rule 3 inside rule 1 (a group), value");
  });

  it("names every enclosing group, innermost first", () => {
    expect(describePath("root.children[2].children[1].children[0].window.amount")).toBe(
      "Rule 1 inside rule 2 inside rule 3 (nested groups), time window amount",
    );
    expect(describePath("root.children[0].children[0].children[0].children[4]")).toBe(
      "Rule 5 inside rule 1 inside rule 1 inside rule 1 (nested groups)",
    );
  });

  it("names the parts of a rule people see", () => {
    expect(describePath("root.children[0].value.min")).toBe("Rule 1, minimum");
    expect(describePath("root.children[0].value.max")).toBe("Rule 1, maximum");
    expect(describePath("root.children[3].subject.name")).toBe("Rule 4, event name");
    expect(describePath("root.children[3].subject.category")).toBe("Rule 4, order category");
    // A list entry is the list's value.
    expect(describePath("root.children[0].value[3]")).toBe("Rule 1, value");
    // A part without a name of its own is left out rather than shown raw.
    expect(describePath("root.children[0].somethingNew")).toBe("Rule 1");
  });

  it("speaks of the top group and of the whole definition without a path", () => {
    expect(describePath("root")).toBe("The top group");
    expect(describePath("root.op")).toBe("The top group, all or any");
    expect(describePath("definition")).toBe("The rules");
    expect(describePath("version")).toBe("The rules");
  });

  it("never shows an internal path", () => {
    for (const path of ["root.children[0].children[2].value", "root.children[9].window.from", "root.children[1].id", "definition"]) {
      expect(describePath(path)).not.toMatch(/root|children|\[|\]/);
    }
  });
});

describe("describeIssue and summarizeIssues", () => {
  it("joins the place and the message, lowering a plain first word only", () => {
    expect(describeIssue({ path: "root.children[1].id", message: "Pick a persona." })).toBe("Rule 2, choice: pick a persona.");
    expect(describeIssue({ path: "root.children[0].value", message: "RFM scores are whole numbers from 1 to 5." })).toBe(
      "Rule 1, value: RFM scores are whole numbers from 1 to 5.",
    );
  });

  it("summarises one problem, or the count and the first", () => {
    expect(summarizeIssues([{ path: "root.children[2].children[0].value", message: "Enter a number." }])).toBe(
      "The segment rules need a fix. Rule 1 inside rule 3 (a group), value: enter a number.",
    );
    expect(
      summarizeIssues([
        { path: "root.children[0].value", message: "Enter a number." },
        { path: "root.children[1].id", message: "Pick an item." },
      ]),
    ).toBe("The segment rules need 2 fixes. The first: Rule 1, value: enter a number.");
  });
});
