// paginate(method, args): every item of a list operation, page after page (octokit's convention).
import { AppliveryError } from "./errors.js";

/** The paging fields of a list page (mongoose-paginate-v2's), as far as paginate reads them. */
export interface Page<T> {
  items?: T[] | undefined;
  page?: number | undefined;
  hasNextPage?: boolean | undefined;
  nextPage?: number | null | undefined;
}

/** The arguments of a list method, as far as paginate reads them. */
export interface PageArgs {
  query?: { page?: number | undefined } | undefined;
  signal?: AbortSignal | undefined;
}

export interface PaginateOptions {
  /** Read at most this many pages, then stop (even when the API has more). Default: no cap. */
  maxPages?: number;
}

/**
 * Every item of a list operation, page after page: calls `method` with `args` (its filters and
 * sort kept on every page), follows `hasNextPage`/`nextPage`, and stops on the last page, on an
 * empty page, or after `maxPages` pages. `args.signal` stops the iteration and the request in
 * flight. A page that is not a page (`data: null`, no `items` array, `hasNextPage` without a
 * numeric `nextPage`, a `nextPage` that does not advance) rejects with an AppliveryError, as does a
 * failed call.
 *
 * @example
 * for await (const token of paginate(applivery.listAppleEnrollmentTokens, { organizationId, query: { limit: 100 } })) {}
 */
export async function* paginate<A extends PageArgs, T>(
  method: (args: A) => Promise<Page<T>>,
  args: A,
  { maxPages = Number.POSITIVE_INFINITY }: PaginateOptions = {},
): AsyncGenerator<T, void, undefined> {
  const operation = method.name.replace(/^bound /, "") || "paginate";
  const fail = (message: string) => new AppliveryError("response", operation, message);
  if (maxPages !== Number.POSITIVE_INFINITY && !(Number.isInteger(maxPages) && maxPages >= 1)) {
    throw new AppliveryError("request", operation, "paginate: maxPages must be a whole number of at least 1");
  }
  let current = args.query?.page ?? 1;
  let pageArgs = args;
  for (let pages = 0; pages < maxPages; pages++) {
    if (args.signal?.aborted) {
      throw new AppliveryError("aborted", operation, "the call was aborted by its signal", {
        cause: args.signal.reason,
      });
    }
    const page: unknown = await method(pageArgs);
    if (page === null || typeof page !== "object")
      throw fail(`page ${current} is ${page === null ? "null" : typeof page}, not a page`);
    const { items, hasNextPage, nextPage } = page as Page<T>;
    if (!Array.isArray(items)) throw fail(`page ${current} has no items array`);
    yield* items;
    if (items.length === 0 || !hasNextPage) return;
    if (typeof nextPage !== "number")
      throw fail(`page ${current} says hasNextPage but its nextPage is ${JSON.stringify(nextPage) ?? "missing"}`);
    if (nextPage <= current) throw fail(`page ${current}: nextPage ${nextPage} does not advance`);
    current = nextPage;
    pageArgs = { ...args, query: { ...args.query, page: nextPage } };
  }
}
