// One program for every site: the stack `hq` declares sites/hq.yaml (docs/sites.md). Plain JavaScript, so that the
// runner needs no TypeScript toolchain.
module.exports = require("pulumi-facility/site").site();
