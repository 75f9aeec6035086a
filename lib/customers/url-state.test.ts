import { describe, expect, it } from "vitest";
import {
  DEFAULT_LIST_STATE,
  exportSearch,
  listStateToSearch,
  parseListState,
  withListState,
} from "@/lib/customers/url-state";

describe("parseListState", () => {
  it("gives the defaults for an empty URL", () => {
    expect(parseListState({})).toEqual(DEFAULT_LIST_STATE);
    expect(parseListState(new URLSearchParams(""))).toEqual(DEFAULT_LIST_STATE);
  });

  it("reads every parameter", () => {
    expect(parseListState({ q: "  ada  ", sort: "name", dir: "asc", page: "3", size: "50", segment: "cm1abc" })).toEqual({
      q: "ada",
      sort: "name",
      dir: "asc",
      page: 3,
      size: 50,
      segment: "cm1abc",
      lifecycle: null,
    });
  });

  it("reads the lifecycle filter, dropping malformed parts", () => {
    expect(parseListState({ stage: "reactivated" }).lifecycle).toEqual({ stage: "reactivated", from: null });
    expect(parseListState({ stage: "active", stageFrom: "none", stagePeriod: "90" }).lifecycle).toEqual({
      stage: "active",
      from: { stage: "none", periodDays: 90 },
    });
    expect(parseListState({ stageFrom: "churned", stagePeriod: "365" }).lifecycle).toEqual({ stage: null, from: { stage: "churned", periodDays: 365 } });
    // A start stage needs a known period; an unknown stage is dropped.
    expect(parseListState({ stage: "active", stageFrom: "churned", stagePeriod: "45" }).lifecycle).toEqual({ stage: "active", from: null });
    expect(parseListState({ stage: "vip" }).lifecycle).toBeNull();
    expect(parseListState({ stageFrom: "none" }).lifecycle).toBeNull();
  });

  it("falls back per parameter on anything malformed", () => {
    const s = parseListState({
      sort: "passwordHash; drop table",
      dir: "sideways",
      page: "-4",
      size: "1000",
      segment: "../../etc",
    });
    expect(s).toMatchObject({ sort: "createdAt", page: 1, size: 25, segment: null });
    expect(parseListState({ page: "1e3" }).page).toBe(1);
    expect(parseListState({ page: "99999999" }).page).toBe(1);
    expect(parseListState({ page: "0" }).page).toBe(1);
    expect(parseListState({ size: "100" }).size).toBe(100);
  });

  it("sorts a newly chosen column ascending unless told otherwise", () => {
    expect(parseListState({ sort: "email" }).dir).toBe("asc");
    expect(parseListState({ sort: "email", dir: "desc" }).dir).toBe("desc");
  });

  it("takes the first value of a repeated parameter and caps the search length", () => {
    expect(parseListState({ q: ["first", "second"] }).q).toBe("first");
    expect(parseListState({ q: "x".repeat(500) }).q).toHaveLength(100);
  });
});

describe("listStateToSearch", () => {
  it("leaves defaults out", () => {
    expect(listStateToSearch(DEFAULT_LIST_STATE)).toBe("");
    expect(listStateToSearch({ ...DEFAULT_LIST_STATE, q: "a b&c" })).toBe("?q=a+b%26c");
  });

  it("round-trips through parseListState", () => {
    const state = {
      q: "ada",
      sort: "email",
      dir: "asc",
      page: 2,
      size: 100,
      segment: "seg_1",
      lifecycle: { stage: "at_risk", from: { stage: "active", periodDays: 30 } },
    } as const;
    const search = listStateToSearch(state);
    expect(parseListState(new URLSearchParams(search.slice(1)))).toEqual(state);
  });
});

describe("withListState", () => {
  it("goes back to page 1 when what is listed changes", () => {
    const on3 = { ...DEFAULT_LIST_STATE, page: 3 };
    expect(withListState(on3, { q: "x" }).page).toBe(1);
    expect(withListState(on3, { sort: "name" }).page).toBe(1);
    expect(withListState(on3, { size: 50 }).page).toBe(1);
    expect(withListState(on3, { page: 4 }).page).toBe(4);
    expect(withListState(on3, {}).page).toBe(3);
  });
});

describe("exportSearch", () => {
  it("keeps the filters and drops paging and sorting", () => {
    expect(exportSearch({ ...DEFAULT_LIST_STATE, q: "ada", page: 4, segment: "s1" }, "csv")).toBe("?format=csv&q=ada&segment=s1");
    expect(exportSearch(DEFAULT_LIST_STATE, "json")).toBe("?format=json");
    expect(exportSearch({ ...DEFAULT_LIST_STATE, lifecycle: { stage: "new", from: null } }, "csv")).toBe("?format=csv&stage=new");
  });
});
