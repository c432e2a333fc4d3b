/**
 * Each test file gets its own folder for the provider's records of creates in flight (PULUMI_FACILITY_HOME, see
 * providers/core/resource/journal.ts), inherited by the plugins and CLIs it starts: a record a test leaves (a create
 * whose outcome it made unknown on purpose) can never meet an emulator of another file that reuses the port.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const home = fs.mkdtempSync(path.join(os.tmpdir(), "facility-home-"));
process.env.PULUMI_FACILITY_HOME = home;
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));
