// One program for every site: each stack declares the site file of its own name (sites/<stack>.yaml), or the
// file its `site` config value or FACILITY_SITE names. See docs/sites.md.
import { site } from "pulumi-facility/site";

export = site();
