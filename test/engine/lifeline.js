// Preloaded (`node --require lifeline.js`) into the provider plugin and the program host by
// processes.ts. The engine's process holds the other end of this process's stdin pipe: when that
// process goes, however it goes (a vitest worker stopped with SIGTERM after a test timed out, a
// SIGKILL, a crash), the pipe closes and this process takes its process group, itself included, along.

function die() {
  try {
    process.kill(-process.pid, "SIGKILL"); // the group this process leads (processes.ts starts it detached)
  } catch {
    // not a group leader
  }
  process.kill(process.pid, "SIGKILL");
}

process.stdin.on("end", die).on("close", die).on("error", die).resume();
process.stdin.unref(); // the lifeline never keeps the process alive by itself
