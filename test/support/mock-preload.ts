// Preloaded (node --import) into a process that runs an example as a user would: the package's MSW
// handlers answer every call to the API's default base URL, so an example runs unchanged,
// `createAppliveryClient({ token })` and all. Any other request is an error.
import { setupServer } from "msw/node";
import { createHandlers } from "../../src/msw/index.js";

setupServer(...createHandlers().handlers).listen({ onUnhandledRequest: "error" });
