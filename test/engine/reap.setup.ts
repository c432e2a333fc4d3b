/**
 * Vitest setup (every test file): after the file's own afterAll hooks, kill and reap every child the
 * test engine started in this worker and that is still running, i.e. an operation that outlived its
 * test (a test that timed out). The lifeline (lifeline.js) covers a worker that is stopped outright.
 */
import { afterAll } from "vitest";
import { reapAll } from "./reaper";

afterAll(async () => {
  const left = await reapAll();
  if (left > 0) console.warn(`test engine: killed ${left} child process(es) of an operation that outlived its test`);
});
