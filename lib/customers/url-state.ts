import { SORTABLE_FIELD_KEYS, type SortableFieldKey } from "@/lib/customers/field-registry";
import { lifecycleFilterParams, parseLifecycleFilter, type LifecycleFilter } from "@/lib/analytics/lifecycle-filter";

/**
 * The customers list's state lives in the URL (`?q=&sort=&dir=&page=&size=&segment=`, and the
 * lifecycle filter Insights → Lifecycle links to: `stage=&stageFrom=&stagePeriod=`), so a view
 * can be shared and survives a reload. Anything malformed falls back to the default rather than
 * failing: a hand-edited URL still shows a list.
 */
/** "name" (last, then first name) and every sortable list field of the registry. */
export const SORT_KEYS = ["name", ...SORTABLE_FIELD_KEYS] as const;
export type SortKey = "name" | SortableFieldKey;
export type SortDirection = "asc" | "desc";

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export const SEARCH_MAX = 100;
export const MAX_PAGE = 100_000;

export type CustomerListState = {
  q: string;
  sort: SortKey;
  dir: SortDirection;
  page: number;
  size: PageSize;
  segment: string | null;
  /** Customers in a lifecycle stage now and/or at the start of a period (Insights → Lifecycle). */
  lifecycle: LifecycleFilter | null;
};

export const DEFAULT_LIST_STATE: CustomerListState = {
  q: "",
  sort: "createdAt",
  dir: "desc",
  page: 1,
  size: 25,
  segment: null,
  lifecycle: null,
};

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

function first(params: RawParams, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

const SEGMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseListState(params: RawParams): CustomerListState {
  const q = (first(params, "q") ?? "").trim().slice(0, SEARCH_MAX);
  const sortRaw = first(params, "sort");
  const sort = (SORT_KEYS as readonly string[]).includes(sortRaw ?? "") ? (sortRaw as SortKey) : DEFAULT_LIST_STATE.sort;
  const dirRaw = first(params, "dir");
  const dir: SortDirection =
    dirRaw === "asc" || dirRaw === "desc" ? dirRaw : sortRaw === undefined ? DEFAULT_LIST_STATE.dir : "asc";
  const pageRaw = first(params, "page") ?? "";
  const pageNum = /^\d{1,7}$/.test(pageRaw) ? Number(pageRaw) : 1;
  const page = Math.min(Math.max(pageNum, 1), MAX_PAGE);
  const sizeNum = Number(first(params, "size"));
  const size = (PAGE_SIZES as readonly number[]).includes(sizeNum) ? (sizeNum as PageSize) : DEFAULT_LIST_STATE.size;
  const segmentRaw = first(params, "segment") ?? "";
  const segment = SEGMENT_ID.test(segmentRaw) ? segmentRaw : null;
  const lifecycle = parseLifecycleFilter({
    stage: first(params, "stage"),
    stageFrom: first(params, "stageFrom"),
    stagePeriod: first(params, "stagePeriod"),
  });
  return { q, sort, dir, page, size, segment, lifecycle };
}

/** The query string for a state, leaving out defaults (so the plain URL stays plain). */
export function listStateToSearch(state: CustomerListState): string {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.sort !== DEFAULT_LIST_STATE.sort || state.dir !== DEFAULT_LIST_STATE.dir) {
    params.set("sort", state.sort);
    params.set("dir", state.dir);
  }
  if (state.page !== 1) params.set("page", String(state.page));
  if (state.size !== DEFAULT_LIST_STATE.size) params.set("size", String(state.size));
  if (state.segment) params.set("segment", state.segment);
  for (const [k, v] of lifecycleFilterParams(state.lifecycle)) params.set(k, v);
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** The state after a change; changing what is listed goes back to page 1. */
export function withListState(state: CustomerListState, change: Partial<CustomerListState>): CustomerListState {
  const next = { ...state, ...change };
  const filtersChanged =
    next.q !== state.q || next.segment !== state.segment || next.lifecycle !== state.lifecycle || next.sort !== state.sort || next.dir !== state.dir || next.size !== state.size;
  if (filtersChanged && change.page === undefined) next.page = 1;
  return next;
}

/** Only what an export needs: the same filters, none of the paging. */
export function exportSearch(state: CustomerListState, format: "csv" | "json"): string {
  const params = new URLSearchParams({ format });
  if (state.q) params.set("q", state.q);
  if (state.segment) params.set("segment", state.segment);
  for (const [k, v] of lifecycleFilterParams(state.lifecycle)) params.set(k, v);
  return `?${params.toString()}`;
}
