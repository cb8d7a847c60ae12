import '@testing-library/jest-dom';

// Interaction tests (open a dialog, pick versions, submit) take several seconds
// when the machine runs other suites in parallel; 5 s is jest's default.
jest.setTimeout(30_000);
