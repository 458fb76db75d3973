import type { AppleEnrollmentToken, operations } from "../generated/schema.js";
import type { AppliveryClient } from "./client.js";
import { AppliveryError, unwrap } from "./errors.js";

type ListParams = operations["listAppleEnrollmentTokens"]["parameters"];

export interface PaginateOptions {
  /** The organization, and any filters and sort; they are kept on every page. */
  params: { path: ListParams["path"]; query?: ListParams["query"] };
  /** Stops the iteration: the current request is aborted and the iterator rejects with the reason. */
  signal?: AbortSignal;
  /** Read at most this many pages, then stop (even when the API has more). Default: no cap. */
  maxPages?: number;
}

/**
 * Every Apple enrollment token of `listAppleEnrollmentTokens`, page after page: follows
 * `hasNextPage`/`nextPage`, stops on the last page or an empty page, or after `maxPages` pages.
 * A failed page throws, as `unwrap` does.
 *
 * @example
 * for await (const token of paginateAppleEnrollmentTokens(client, { params: { path: { organizationId } } })) {}
 */
export async function* paginateAppleEnrollmentTokens(
  client: Pick<AppliveryClient, "GET">,
  { params, signal, maxPages = Infinity }: PaginateOptions,
): AsyncGenerator<AppleEnrollmentToken, void, undefined> {
  let query = params.query;
  for (let pages = 0; pages < maxPages; pages++) {
    signal?.throwIfAborted();
    const result = await client.GET("/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens", {
      params: { path: params.path, query },
      signal,
    });
    const page = unwrap(result);
    const items = page.items ?? [];
    yield* items;
    const next = page.nextPage;
    if (!items.length || !page.hasNextPage || typeof next !== "number") return;
    if (next <= (query?.page ?? 1)) {
      throw new AppliveryError("response", "listAppleEnrollmentTokens", result.response.status, `nextPage ${next} does not advance`);
    }
    query = { ...query, page: next };
  }
}
