import { connectionHelper } from "../core/connection-helper";
import type { ConnectionHelper } from "../core/resource/public";

export { Organization } from "./organization";
export { Project } from "./project";
export { OrganizationMember } from "./organization-member";
export { ProjectMember } from "./project-member";

/**
 * Addressing and TLS trust of one Hexio IoT Cloud configuration API, e.g. `https://api.iot.example/v1`. The login
 * is never part of it: it comes from `pulumi config set hexio:<profile>.username ...` and
 * `pulumi config set --secret hexio:<profile>.password ...`, or HEXIO_<PROFILE>_USERNAME / HEXIO_<PROFILE>_PASSWORD.
 */
export const connection: ConnectionHelper = connectionHelper("hexio");
