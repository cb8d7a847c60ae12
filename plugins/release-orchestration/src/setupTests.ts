import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';
import { takeContractViolations } from './__testUtils__/openapiContract';

// Interaction tests (open a dialog, pick versions, submit) take several seconds
// when the machine runs other suites in parallel; 5 s is jest's default.
jest.setTimeout(30_000);

// findBy* and waitFor give up after 1 s by default. On a busy 2-core CI machine a debounced search
// (250 ms) and its answer took longer (ApprovalQueuePage.test, 7 December), so they wait up to
// 5 s; a test that waits for something that never comes still fails, 4 s later.
configure({ asyncUtilTimeout: 5_000 });

// Every msw fake answers through contractJson (src/__testUtils__/openapiContract.ts):
// a test whose fake sent a body the backend's OpenAPI document does not allow fails.
afterEach(() => {
  const violations = takeContractViolations();
  if (violations.length > 0) {
    throw new Error(
      `the fake backend answered what the real one could not (openapi.yaml):\n  ${violations.join(
        '\n  ',
      )}`,
    );
  }
});
