import { z } from "zod";
import { field, ref, wireEnum } from "../core/resource/schema";

/** Dotted IPv4 address. */
export const ipv4 = () => z.ipv4({ error: "must be an IPv4 address such as 192.168.10.1" });

/** Participant groups an object belongs to, kept through the association calls the spec's `parts` names. */
export const groupList = (description: string, wire?: string) =>
  field(z.array(ref("ParticipantGroup")).optional(), {
    description: `${description} Compared as a set; only additions and removals are written.`,
    unordered: true,
    ...(wire ? { wire } : {}),
  });

/** The enabled state, kept at `/status/{id}` (`{status: bool}`); 409 "already in that state" counts as done. */
export const enabledField = (what: string) =>
  field(z.boolean().optional(), {
    description: `Whether the ${what} is activated. Kept on its own endpoint (\`/status/{id}\`), written after create and only when it changes.`,
  });

/** Rights as the seed numbers them: 1-14 global, 15-18 group ("own") rights. */
export const GLOBAL_RIGHTS = {
  manageUsersAndRoles: 1,
  createBackupCopies: 2,
  restoreSystem: 3,
  editSystemParameters: 4,
  manageDevices: 5,
  manageAddressSpaces: 6,
  manageRemoteConnections: 7,
  certificateManagement: 8,
  manageFirmwareUpdates: 9,
  forceComment: 10,
  downloadClientSoftware: 11,
  seeLogfileMessages: 12,
  readOnlyFullAccess: 13,
  manageLayer2: 14,
} as const;
export const GROUP_RIGHTS = {
  manageOwnDevices: 15,
  manageOwnUsers: 16,
  manageOwnRemoteConnections: 17,
  manageOwnLayer2: 18,
} as const;

export const globalRights = (description: string) =>
  field(z.array(wireEnum(GLOBAL_RIGHTS)).default([]), { description, unordered: true });
export const groupRights = (description: string) =>
  field(z.array(wireEnum(GROUP_RIGHTS)).default([]), { description, unordered: true });

/** Rights as read: a flat list (role GET, worked example) or `{global_privileges, group_privileges}` (user GET); both flatten to numbers. */
export function flatRights(rights: unknown): number[] {
  if (Array.isArray(rights)) return rights.map(Number);
  if (rights && typeof rights === "object")
    return Object.values(rights).flatMap((v) => (Array.isArray(v) ? v.map(Number) : []));
  return [];
}
