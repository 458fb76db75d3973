// Types of the client: the operation table the generator writes, the generated methods' body
// check (NoExtra), and openapi-fetch's methods by path template, typed with plain conditional types
// over `paths` so that a call type-checks about as fast as through bare openapi-fetch.
import type { HeadersOptions, Middleware } from "openapi-fetch";
import type { paths } from "../generated/schema.js";

/** What the client needs to know of one operation; generated from the spec (generated/client.ts). */
export interface OperationSpec {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The path template, e.g. `/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens`; its path parameters are checked against `pathPatterns`. */
  readonly path: string;
  /** The names of the query parameters. */
  readonly query: readonly string[];
  /** Whether the operation takes a JSON body. */
  readonly body: boolean;
  /** Whether it creates several tokens at once (a POST on `…/bulk`): its data is counts. */
  readonly bulk: boolean;
}

export type OperationTable = Readonly<Record<string, OperationSpec>>;

/** The type a key gets when the request body does not have it: it names the key in the compile error. */
export interface UnknownField<K extends string> {
  "is not a field of this request body": K;
}

/**
 * `unknown` when every key of `T` is one `Shape` has, at every depth; otherwise
 * {@link UnknownField} of the keys it does not have. A body is typed `B & NoExtra<B, Shape>`, so an
 * unknown key of a request body is a compile error that names it (`… is not assignable to type
 * 'UnknownField<"expiresIn">'`), whether the body is written inline or passed as a variable (where
 * TypeScript's own excess-property check does not apply). The value types are checked by the
 * parameter's constraint (`B extends Shape`); this only looks for keys, which keeps the check cheap.
 */
export type NoExtra<T, Shape> =
  // Through `infer`, so that a body whose type is still a type parameter (a generic helper that
  // forwards it) gets an ordinary error instead of an expansion that never ends.
  ExtraKeys<T, Shape> extends infer Names extends string
    ? [Names] extends [never]
      ? unknown
      : UnknownField<Names>
    : unknown;

/**
 * The keys of `T` that no member of `Shape` has, at every depth, through lists and optional values;
 * `never` when there are none. Under a free-form value (`unknown`) every key is known, and a value
 * typed `any` is not looked into.
 */
type ExtraKeys<T, Shape> = T extends object
  ? unknown extends Shape
    ? never
    : T extends readonly (infer Item)[]
      ? ExtraKeys<Item, Shape extends readonly (infer ShapeItem)[] ? ShapeItem : never>
      : {
          [K in keyof T]-?: K extends KnownKeys<Shape>
            ? 0 extends 1 & T[K]
              ? never
              : ExtraKeys<T[K], At<Shape, K>>
            : KeyName<K>;
        }[keyof T]
  : never;

/** The keys of the members of `Shape` (`null` has none): a key any of them has is known. */
type KnownKeys<Shape> = Shape extends unknown ? keyof Shape : never;

/** The type of the key `K` in the members of `Shape` that have it. */
type At<Shape, K> = Shape extends unknown ? (K extends keyof Shape ? Shape[K] : never) : never;

/** A key as JSON writes it (a number key as its digits; a symbol key is not sent). */
type KeyName<K> = K extends string | number ? `${K}` : never;

/** The HTTP methods the openapi-fetch surface offers (a method no path has takes no path). */
export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** The paths that have an operation for `M`. */
export type PathsWith<M extends HttpMethod> = {
  [P in keyof paths]: paths[P][M] extends undefined ? never : P;
}[keyof paths];

type OperationAt<P extends keyof paths, M extends HttpMethod> = NonNullable<paths[P][M]>;
type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;
type PathParams<O> = O extends { parameters: { path: infer P } } ? P : never;
type QueryParams<O> = O extends { parameters: { query?: infer Q } } ? Q : never;
type Body<O> = O extends { requestBody: { content: { "application/json": infer B } } } ? B : never;

/** The 200 body (the success envelope) of an operation. */
export type SuccessBody<O> = O extends { responses: { 200: infer R } } ? Json<R> : never;
/** The error envelope of an operation's other documented statuses. */
export type ErrorBody<O> = O extends { responses: infer R }
  ? { [S in keyof R]: S extends 200 ? never : Json<R[S]> }[keyof R]
  : never;

/** The second argument of GET, POST, …. The body is checked as written: an unknown key is a compile error. */
export type CallInit<O> = {
  params: { path: PathParams<O>; query?: QueryParams<O> };
  signal?: AbortSignal;
  headers?: HeadersOptions;
} & ([Body<O>] extends [never] ? { body?: never } : { body: Body<O> });

/**
 * What GET, POST, … resolve to: openapi-fetch's `{ data, error, response }` (`data` the success
 * envelope, `error` the API's error envelope, both as the API sent them), plus the operation's name.
 */
export type CallResult<O> = ({ data: SuccessBody<O>; error?: never } | { data?: never; error: ErrorBody<O> }) & {
  response: Response;
  /** The operationId of the call. */
  operation: string;
};

/** `client.GET`, `client.POST`, …: openapi-fetch's call, by path template. */
export type AppliveryMethod<M extends HttpMethod> = <P extends PathsWith<M>>(
  url: P,
  init: CallInit<OperationAt<P, M>>,
) => Promise<CallResult<OperationAt<P, M>>>;

/**
 * openapi-fetch's surface of the client: the same calls as the operation methods (same checks,
 * transport and middleware), resolving to `{ data, error, response }` instead of the envelope's data.
 */
export interface FetchSurface {
  GET: AppliveryMethod<"get">;
  POST: AppliveryMethod<"post">;
  PUT: AppliveryMethod<"put">;
  PATCH: AppliveryMethod<"patch">;
  DELETE: AppliveryMethod<"delete">;
  /** Registers openapi-fetch middleware, run for every call. It never sees the token. */
  use(...middleware: Middleware[]): void;
  /** Unregisters middleware. */
  eject(...middleware: Middleware[]): void;
}
