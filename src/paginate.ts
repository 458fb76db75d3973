// applivery.paginate(operationId, args): every item of a list operation, page after page.
import type { AppliveryOperations } from "../generated/client.js";
import type { AppliveryError } from "./errors.js";
import { isObject } from "./json.js";
import type { OperationTable } from "./types.js";

type Data<K extends keyof AppliveryOperations> = Awaited<ReturnType<AppliveryOperations[K]>>;

/** The operations whose data is a page of items (`listAppleEnrollmentTokens`, …). */
export type ListOperationId = {
  [K in keyof AppliveryOperations]: Data<K> extends { items: unknown[] } ? K : never;
}[keyof AppliveryOperations];

/** The item type of a list operation. */
export type ItemOf<K extends ListOperationId> = Data<K> extends { items: (infer Item)[] } ? Item : never;

/** The most pages `paginate` reads unless told otherwise. */
export const DEFAULT_MAX_PAGES = 1000;

export interface PaginateOptions {
  /**
   * A bound on the pages read (default 1000): a list with more rejects with an AppliveryError of
   * kind `response` instead of reading on. To stop early, `break` out of the loop.
   */
  maxPages?: number;
}

export type Paginate = <K extends ListOperationId>(
  operationId: K,
  args: Parameters<AppliveryOperations[K]>[0],
  options?: PaginateOptions,
) => AsyncGenerator<ItemOf<K>, void, undefined>;

type Method = (args: { query?: object }) => Promise<unknown>;

export function createPaginate(
  methods: Readonly<Record<string, Method>>,
  table: OperationTable,
  error: (kind: "request" | "response", operation: string, message: string) => AppliveryError,
): Paginate {
  return async function* paginate(operationId: string, args: { query?: { page?: number } }, options?: PaginateOptions) {
    // A list is a GET that takes a page: anything else (a create, a delete) is refused before it is sent.
    const spec = Object.hasOwn(table, operationId) ? table[operationId] : undefined;
    const method = methods[operationId];
    if (!spec || !method || spec.method !== "GET" || !spec.query.includes("page"))
      throw error("request", "paginate", `${String(operationId)} is not a list operation of this client`);
    const { maxPages = DEFAULT_MAX_PAGES } = options ?? {};
    if (!Number.isInteger(maxPages) || maxPages < 1)
      throw error("request", operationId, "paginate: maxPages must be a whole number of at least 1");
    let current = args?.query?.page ?? 1;
    for (let read = 0; ; read++) {
      if (read === maxPages) throw error("response", operationId, `paginate: more than maxPages (${maxPages}) pages`);
      const page = await method(read === 0 ? args : { ...args, query: { ...args.query, page: current } });
      const { items, hasNextPage, nextPage, totalPages } = isObject(page) ? page : {};
      const more = hasNextPage === true && Array.isArray(items) && items.length > 0;
      // Strictly mongoose-paginate-v2's fields: an items array, a boolean hasNextPage, and when it is
      // true a nextPage after this page and not past totalPages.
      if (
        !Array.isArray(items) ||
        typeof hasNextPage !== "boolean" ||
        (more &&
          !(
            Number.isInteger(nextPage) &&
            (nextPage as number) > current &&
            (nextPage as number) <= (totalPages as number)
          ))
      )
        throw error(
          "response",
          operationId,
          `paginate: page ${current} is not a page (items, hasNextPage, nextPage, totalPages)`,
        );
      yield* items as never[];
      if (!more) return;
      current = nextPage as number;
    }
  } as Paginate;
}
