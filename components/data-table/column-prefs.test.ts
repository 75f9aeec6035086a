import { describe, expect, it } from "vitest";
import { movedColumn, parsePrefs } from "./column-prefs";

describe("column preferences", () => {
  it("reads saved choices and ignores anything malformed", () => {
    expect(parsePrefs('{"hidden":["city",3],"order":["email","name"]}')).toEqual({ hidden: ["city"], order: ["email", "name"] });
    expect(parsePrefs("{}")).toEqual({ hidden: [], order: [] });
    expect(parsePrefs("not json")).toBeNull();
    expect(parsePrefs("null")).toBeNull();
    expect(parsePrefs(null)).toBeNull();
  });

  it("moves a column one place and refuses to move past either end", () => {
    expect(movedColumn(["a", "b", "c"], "b", -1)).toEqual(["b", "a", "c"]);
    expect(movedColumn(["a", "b", "c"], "b", 1)).toEqual(["a", "c", "b"]);
    expect(movedColumn(["a", "b", "c"], "a", -1)).toBeNull();
    expect(movedColumn(["a", "b", "c"], "c", 1)).toBeNull();
    expect(movedColumn(["a", "b", "c"], "z", 1)).toBeNull();
  });
});
