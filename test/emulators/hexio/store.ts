/** In-memory state of the Hexio emulator: users, issued tokens, organizations, projects and role assignments. */
import { createPrng, type Prng } from "../common";

export type Row = Record<string, unknown>;
export type Scope = "ORG" | "PROJECT";

export interface User {
  userId: number;
  username: string;
  password: string;
  firstName: string;
  lastName: string;
  email: string;
  lang: "en" | "cs";
  phone?: string;
  /** `admin`: every permission; `read-only`: reads only ("Access denied." on writes and on /permissions). */
  access: "admin" | "read-only";
}

export interface Assignment {
  userId: number;
  resourceType: Scope;
  resourceId: number;
  roles: number[];
}

/** rfc3339 with milliseconds; the clock moves at least 1 ms per write so `modified` always changes. */
export class Clock {
  private last = 0;
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  stamp(): string {
    this.last = Math.max(this.now(), this.last + 1);
    return new Date(this.last).toISOString();
  }
}

const GEN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

export class Store {
  orgs = new Map<number, Row>();
  projects = new Map<number, Row>();
  assignments = new Map<string, Assignment>();
  tokens = new Map<string, { userId: number; exp: number }>();
  users: User[];
  readonly clock = new Clock();
  private nextOrg = 1;
  private nextProject = 1001;
  private rng: Prng;

  constructor(
    private readonly initialUsers: User[],
    private readonly seed: number,
  ) {
    this.users = structuredClone(initialUsers);
    this.rng = createPrng(seed);
  }

  genId(): string {
    return Array.from({ length: 8 }, () => GEN[Math.floor(this.rng.next() * GEN.length)]).join("");
  }

  insertOrg(fields: Row, by: string): Row {
    const orgId = typeof fields.orgId === "number" ? fields.orgId : this.nextOrg;
    this.nextOrg = Math.max(this.nextOrg, orgId + 1);
    const row = this.stamped({ ...fields, orgId, genId: fields.genId ?? this.genId() }, by);
    this.orgs.set(orgId, row);
    return structuredClone(row);
  }

  insertProject(fields: Row, by: string): Row {
    const projectId = typeof fields.projectId === "number" ? fields.projectId : this.nextProject;
    this.nextProject = Math.max(this.nextProject, projectId + 1);
    const row = this.stamped({ ...fields, projectId, genId: fields.genId ?? this.genId() }, by);
    this.projects.set(projectId, row);
    return structuredClone(row);
  }

  private stamped(row: Row, by: string): Row {
    const now = this.clock.stamp();
    return { created: now, createdBy: by, modified: now, modifiedBy: by, deleted: false, ...row };
  }

  /** Replaces the settings (PUT is a full replacement) or merges a patch (out-of-band edits); moves `modified`. */
  write(table: Map<number, Row>, id: number, fields: Row, by: string, replace: boolean, keep: string[]): Row {
    const row = table.get(id)!;
    const kept = Object.fromEntries(keep.filter((k) => k in row).map((k) => [k, row[k]]));
    const stamp = { modified: this.clock.stamp(), modifiedBy: by };
    // A PUT sets the stamps; an out-of-band patch may set them itself.
    const next = replace ? { ...kept, ...fields, ...stamp } : { ...row, ...stamp, ...fields };
    table.set(id, next);
    return structuredClone(next);
  }

  liveProjectsOf(orgId: number): Row[] {
    return [...this.projects.values()]
      .filter((p) => p.orgId === orgId && !p.deleted)
      .sort((a, b) => Number(a.projectId) - Number(b.projectId));
  }

  user(userId: number): User | undefined {
    return this.users.find((u) => u.userId === userId);
  }

  reset(): void {
    this.orgs.clear();
    this.projects.clear();
    this.assignments.clear();
    this.tokens.clear();
    this.users = structuredClone(this.initialUsers);
    this.nextOrg = 1;
    this.nextProject = 1001;
    this.rng = createPrng(this.seed);
    this.clock.offsetMs = 0;
  }
}

export const assignmentKey = (type: Scope, resourceId: number, userId: number) => `${type}:${resourceId}:${userId}`;
