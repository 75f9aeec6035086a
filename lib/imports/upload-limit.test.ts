import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_UPLOAD_MB, maxUploadMb } from "@/lib/imports/upload-limit";

describe("upload limit", () => {
  it("defaults to a size that holds 5 million orders, and well under the old 1 GB", () => {
    expect(maxUploadMb(undefined)).toBe(DEFAULT_MAX_UPLOAD_MB);
    expect(maxUploadMb("")).toBe(DEFAULT_MAX_UPLOAD_MB);
    // A demo order row is about 79 bytes: 5M of them must fit.
    expect(DEFAULT_MAX_UPLOAD_MB * 1024 * 1024).toBeGreaterThan(5_000_000 * 80);
    expect(DEFAULT_MAX_UPLOAD_MB).toBeLessThan(1024);
  });

  it("follows MAX_UPLOAD_MB and refuses nonsense", () => {
    expect(maxUploadMb("64")).toBe(64);
    expect(() => maxUploadMb("0")).toThrow(/MAX_UPLOAD_MB/);
    expect(() => maxUploadMb("1.5")).toThrow(/MAX_UPLOAD_MB/);
    expect(() => maxUploadMb("lots")).toThrow(/MAX_UPLOAD_MB/);
  });
});
