// Inputs copied from the vendor's pages, garbling included: the tests prove the spec rejects them.

/** The body the bulk page's curl/fetch/Python samples send: the skeleton of its Joi dump. */
export const bulkCodeSampleBody = {
  type: "object",
  children: {
    sendEmail: {},
    displayName: {},
    tags: {},
    duration: {},
    language: {},
    emailText: {},
    policyId: {},
    admPolicyAssignments: {},
    profiles: {},
    applications: {},
    admVppLocationId: {},
    segmentId: {},
  },
  userEmails: ["ana.garcia@example.com", "li.wei@example.com", "sam.taylor@example.com"],
};

/** The body the Windows page's samples send. */
export const windowsCodeSampleBody = {
  type: "object",
  children: {
    sendEmail: {},
    displayName: {},
    tags: {},
    duration: {},
    language: {},
    emailText: {},
    winPolicyId: {},
    winPolicyAssignments: {},
    segmentId: {},
  },
  mdmUserId: "698efa6ed851667d9c0aec88",
};

/** The Apple token of the create page's response example, as printed. */
export const appleTokenAsPrinted = {
  id: "698f3bde457fafa13d088791",
  displayName: "John Doe - iPhone 15 Pro",
  state: "PENDING",
  updatedAt: "2026-02-10T14: 22:00Z",
  createdAt: "2026-01-15T10: 30:00Z",
  segmentId: "1",
};
