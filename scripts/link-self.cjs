// npm cannot install a package into its own node_modules, yet the serialized provider shim
// require()s "pulumi-facility/runtime" from the Pulumi project folder (the plugin's cwd).
// Link the package into its own node_modules so the root Pulumi.yaml, the examples and the
// test engine resolve it exactly as a user's project does.
const fs = require("node:fs");
const path = require("node:path");
const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-facility");
if (!fs.existsSync(path.join(root, "node_modules"))) process.exit(0);
try {
  const st = fs.lstatSync(link);
  if (st.isSymbolicLink() && fs.realpathSync(link) === fs.realpathSync(root)) process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {}
fs.symlinkSync("..", link, "dir");
