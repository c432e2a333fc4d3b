// @ts-check
// Runs a Pulumi program the way the Node language host does (cmd/run: require the program inside
// runInPulumiStack, call an exported function, wait for outstanding RPCs), but with the SDK in mock
// mode and a resource monitor that forwards every request to the test engine over IPC (ipc.ts).
//
// Runs in its own process under plain node (started by processes.ts, cwd = the project folder).
// Plain JavaScript on purpose: the SDK is loaded first and tsx is registered only afterwards, and
// only for .ts programs, so tsx never re-processes the ~1 s of SDK modules (as ts-node is used
// by the real language host only for TypeScript programs).

const { createRequire } = require("node:module");
const { dirname, resolve } = require("node:path");

/** @type {import("./ipc").HostSpec & { tsx?: string }} */
const spec = JSON.parse(process.env.PULUMI_TEST_ENGINE_PROGRAM ?? "null");
const program = resolve(spec.program);

// The SDK instance must be the one the program itself loads, or the monitor would not be seen.
const sdkPackage = require.resolve("@pulumi/pulumi/package.json", { paths: [dirname(program), process.cwd()] });
const sdk = createRequire(sdkPackage);
const runtime = sdk("./runtime");
const resproto = sdk("./proto/resource_pb");
const gstruct = sdk("google-protobuf/google/protobuf/struct_pb");
const emptyproto = sdk("google-protobuf/google/protobuf/empty_pb");
const grpc = sdk("@grpc/grpc-js");
if (spec.tsx) require(spec.tsx); // registers tsx for .ts programs

/** @param {import("./ipc").HostMessage} m */
const send = (m) => /** @type {any} */ (process).send(m);
/** @type {Map<number, (m: import("./ipc").EngineMessage) => void>} */
const pending = new Map();
let nextRid = 0;
process.on("message", (/** @type {import("./ipc").EngineMessage} */ m) => {
  if (m.t === "registered") pending.get(m.rid)?.(m);
});

// Features a CLI engine reports; outputValues stays off as in the SDK's MockMonitor, and the
// callback-based ones (transforms, hooks) need a callback server this engine does not run.
const FEATURES = new Set(["secrets", "resourceReferences", "deletedWith", "aliasSpecs"]);

/** @returns {import("./ipc").RegisterRequest} */
function decode(/** @type {any} */ req) {
  /** @type {Record<string, string[]>} */
  const propertyDependencies = {};
  req
    .getPropertydependenciesMap()
    .forEach((/** @type {any} */ deps, /** @type {string} */ key) => (propertyDependencies[key] = deps.getUrnsList()));
  return {
    type: req.getType(),
    name: req.getName(),
    parent: req.getParent(),
    custom: req.getCustom(),
    object: req.getObject()?.toJavaScript() ?? {},
    protect: req.hasProtect() ? req.getProtect() : undefined,
    dependencies: req.getDependenciesList(),
    provider: req.getProvider(),
    propertyDependencies,
    deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
    ignoreChanges: req.getIgnorechangesList(),
    replaceOnChanges: req.getReplaceonchangesList(),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    retainOnDelete: req.hasRetainondelete() ? req.getRetainondelete() : undefined,
    importId: req.getImportid(),
    deletedWith: req.getDeletedwith(),
    version: req.getVersion(),
    aliasCount: req.getAliasesList().length + req.getAliasurnsList().length,
  };
}

const unsupported =
  (/** @type {string} */ what) => (/** @type {unknown} */ _req, /** @type {(err: unknown) => void} */ cb) =>
    cb({
      code: grpc.status.UNIMPLEMENTED,
      details: `${what} is not supported by the test engine`,
      message: `${what} is not supported by the test engine`,
    });

const monitor = {
  registerResource(/** @type {any} */ req, /** @type {Function} */ cb) {
    const rid = ++nextRid;
    pending.set(rid, (m) => {
      pending.delete(rid);
      if (m.t !== "registered") return;
      if (!m.ok) return cb({ code: grpc.status.UNKNOWN, details: m.error, message: m.error });
      const resp = new resproto.RegisterResourceResponse();
      resp.setUrn(m.urn);
      resp.setId(m.id);
      resp.setObject(gstruct.Struct.fromJavaScript(m.object));
      resp.setResult(resproto.Result.SUCCESS);
      cb(null, resp);
    });
    send({ t: "register", rid, req: decode(req) });
  },
  registerResourceOutputs(/** @type {any} */ req, /** @type {Function} */ cb) {
    send({ t: "outputs", urn: req.getUrn(), outputs: req.getOutputs()?.toJavaScript() ?? {} });
    cb(null, new emptyproto.Empty());
  },
  supportsFeature(/** @type {any} */ req, /** @type {Function} */ cb) {
    cb(null, { getHassupport: () => FEATURES.has(req.getId()) });
  },
  // SDKs since ~3.260 ask for every feature at once (and fall back to supportsFeature on UNIMPLEMENTED).
  // Same features as above, under the enum names: "resourceReferences" is RESOURCE_MONITOR_FEATURE_RESOURCE_REFERENCES.
  getDeploymentInfo(/** @type {unknown} */ _req, /** @type {Function} */ cb) {
    if (!resproto.DeploymentInfo || !resproto.ResourceMonitorFeature) return unsupported("getDeploymentInfo")(_req, cb);
    const resp = new resproto.DeploymentInfo();
    resp.setProject(spec.project);
    resp.setStack(spec.stack);
    resp.setOrganization(spec.organization ?? "");
    resp.setDryrun(spec.dryRun);
    const enumName = (/** @type {string} */ id) =>
      `RESOURCE_MONITOR_FEATURE_${id.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
    resp.setSupportedfeaturesList(
      [...FEATURES].map((id) => resproto.ResourceMonitorFeature[enumName(id)]).filter((f) => f !== undefined),
    );
    cb(null, resp);
  },
  registerPackage(/** @type {any} */ _req, /** @type {Function} */ cb) {
    const resp = new resproto.RegisterPackageResponse();
    resp.setRef("test-engine-package");
    cb(null, resp);
  },
  invoke: unsupported("invoke (data sources, getResource)"),
  readResource: unsupported("reading existing resources (`get`, StackReference)"),
  call: unsupported("method calls on component resources"),
  existsResource: unsupported("existsResource"),
  registerStackTransform: unsupported("transforms"),
  registerStackInvokeTransform: unsupported("invoke transforms"),
  registerResourceHook: unsupported("resource hooks"),
  registerErrorHook: unsupported("error hooks"),
  close() {},
};

let finished = false;
function finish(/** @type {boolean} */ ok, /** @type {unknown} */ error = undefined) {
  if (finished) return;
  finished = true;
  const text =
    error instanceof Error ? (error.stack ?? error.message) : error === undefined ? undefined : String(error);
  send({ t: "done", ok, error: text });
}
process.on("uncaughtException", (e) => finish(false, e));
process.on("unhandledRejection", (e) => finish(false, e));

async function main() {
  runtime.setMockOptions(monitor, spec.project, spec.stack, spec.dryRun, spec.organization);
  await runtime.runInPulumiStack(async () => {
    const programExport = require(program);
    return programExport instanceof Function ? programExport() : programExport;
  });
  await runtime.disconnect(); // waits for every outstanding RPC, as the language host does
  finish(true);
}

main().catch((e) => finish(false, e));
