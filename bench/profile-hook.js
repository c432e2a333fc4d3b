// Loaded into every node process of a profiled bench run with NODE_OPTIONS="--require <this file>" (Node refuses
// --cpu-prof in NODE_OPTIONS): profiles the process with the inspector and writes
// $FACILITY_BENCH_PROFILE_DIR/CPU.<pid>.cpuprofile when it exits. The engine stops the dynamic-provider plugin with
// a signal, so SIGINT and SIGTERM exit normally here to get its profile written (profiled runs only).
const dir = process.env.FACILITY_BENCH_PROFILE_DIR;
if (dir) {
  const fs = require("node:fs");
  const path = require("node:path");
  const inspector = require("node:inspector");
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.start");
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    // The in-process session answers synchronously, so this also works in an exit handler.
    session.post("Profiler.stop", (err, result) => {
      if (err) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `CPU.${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.on("exit", write);
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
}
