import { describe, expect, it } from "vitest";
import { personalize, placeholderKeys, placeholderProblem, usesTraits } from "@/lib/targeting/personalize";

const ana = { externalId: "C-1", firstName: "Ana", lastName: null, email: "ana@example.com", traits: { offer: "20% off boots", size: 38, vip: true, tags: ["a", "b"], empty: "  ", nested: { x: 1 } } };

describe("personalize", () => {
  it("fills customer fields and traits, with spaces inside the braces", () => {
    expect(personalize("Hi {{first_name}}, {{ traits.offer }} (size {{traits.size}})", ana)).toBe("Hi Ana, 20% off boots (size 38)");
    expect(personalize("{{external_id}}/{{email}}/{{traits.vip}}/{{traits.tags}}", ana)).toBe("C-1/ana@example.com/true/a, b");
  });

  it("uses the fallback for a missing, blank or non-text value, and empty text without one", () => {
    expect(personalize("Dear {{last_name | customer}}", ana)).toBe("Dear customer");
    expect(personalize("[{{last_name}}]", ana)).toBe("[]");
    expect(personalize("{{traits.empty|none}} {{traits.nested|n/a}} {{traits.missing | –}}", ana)).toBe("none n/a –");
    expect(personalize("{{traits.offer}}", { ...ana, traits: null })).toBe("");
  });

  it("leaves null and text without placeholders alone, and keeps unmatched braces", () => {
    expect(personalize(null, ana)).toBeNull();
    expect(personalize("No braces", ana)).toBe("No braces");
    expect(personalize("{{first_name} and {single}", ana)).toBe("{{first_name} and {single}");
  });

  it("does not evaluate a value as a placeholder again", () => {
    expect(personalize("{{traits.offer}}", { ...ana, traits: { offer: "{{email}}" } })).toBe("{{email}}");
  });
});

describe("placeholder checks", () => {
  const traits = new Set(["offer", "size"]);
  it("lists keys and sees when traits are needed", () => {
    expect(placeholderKeys("{{first_name}} {{traits.offer|x}}")).toEqual(["first_name", "traits.offer"]);
    expect(placeholderKeys(null)).toEqual([]);
    expect(usesTraits([null, "Hi {{first_name}}"])).toBe(false);
    expect(usesTraits(["", "{{ traits.size }}"])).toBe(true);
  });

  it("accepts known fields and the workspace's traits, and names what is wrong", () => {
    expect(placeholderProblem("{{first_name}} {{traits.offer}} {{ traits.size | M }}", traits)).toBeNull();
    expect(placeholderProblem(null, traits)).toBeNull();
    expect(placeholderProblem("{{traits.colour}}", traits)).toMatch(/no trait “colour”/);
    expect(placeholderProblem("{{phone}}", traits)).toMatch(/\{\{phone\}\} is not a customer field/);
    expect(placeholderProblem("{{}}", traits)).toMatch(/is not a customer field/);
    expect(placeholderProblem("{{traits.offer}}", new Set())).toMatch(/no trait/);
  });
});
