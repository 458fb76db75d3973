// applivery-mdm-openapi/msw: MSW request handlers that behave like the Applivery MDM API, made from
// the bundled spec. msw (2 or 3), ajv and ajv-formats must be installed: optional peer dependencies.
import type { DocumentedAnswer } from "./handlers.js";
import { bundledSpec } from "./spec.js";
import { copy } from "./state.js";

export type {
  AnswerSelector,
  AppliveryMock,
  CreateHandlersOptions,
  DocumentedAnswer,
  EntityOf,
  EntityOperationId,
  FailOptions,
  Fixture,
  Fixtures,
  OperationId,
} from "./handlers.js";
export { createHandlers, INVALID_REQUEST_CODE } from "./handlers.js";

/**
 * Every response example the spec documents, for every operation and status, in document order:
 * each is an answer `mock.fail(answer.operationId, answer)` can give.
 */
export function documentedResponses(): DocumentedAnswer[] {
  return copy(bundledSpec().operations.flatMap((op) => op.responses)) as DocumentedAnswer[];
}
