// applivery-mdm-openapi/msw: MSW request handlers that behave like the Applivery MDM API, made from
// the bundled spec. msw 2 (an optional peer dependency of the package) must be installed.
import { bundledSpec } from "./bundled.js";
import type { DocumentedAnswer } from "./handlers.js";

export type { AnswerSelector, FailOptions } from "./answers.js";
export type {
  AppliveryMock,
  CreateHandlersOptions,
  DocumentedAnswer,
  EntityOf,
  EntityOperationId,
  Fixture,
  Fixtures,
  OperationId,
} from "./handlers.js";
export { createHandlers, INVALID_REQUEST_CODE } from "./handlers.js";

/**
 * Every response example the spec documents, for every operation and status (the errors, and the
 * named success examples such as a bulk creation's `partialFailure`), in document order: each one
 * is an answer {@link AppliveryMock.fail} can give (`mock.fail(answer.operationId, answer)`).
 */
export function documentedResponses(): DocumentedAnswer[] {
  return bundledSpec().operations.flatMap((op) =>
    op.responses.map((response) => structuredClone(response) as DocumentedAnswer),
  );
}
