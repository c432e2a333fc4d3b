/** The emulator's starting site: controlled areas, access groups, schedules and beacons (wire shapes of the seed). */

export interface Area {
  id: string;
  name: string;
  description: string;
  toggle: string;
  factor: number;
  authorizationTimout: number; // sic: the seed's spelling
  authorizationMode: number;
  guardGroup: string;
  state: string;
  zoneGroupId: string;
  siteId: string;
  geoLocation: {
    enabled: boolean;
    beacon: { uniqueId: string; major: number; minor: number } | null;
    gps: { latitude: number; longitude: number; unitType: string; radius: number } | null;
  };
  /** Emulator-only: the state the area's schedule/activation times enforce when toggle is not "T". Never sent. */
  scheduledState?: string;
}

export interface AccessGroup {
  id: number; // typed String in the seed, sent as a number in its example
  name: string;
  description: string;
  site_id: string;
  areaIds: string[]; // emulator-only
}

export interface Schedule {
  id: string;
  name: string;
  description: string;
  siteId: string;
  usedByAccessGroup: boolean;
  periods: {
    id: string;
    frequency: number;
    exceptions: number;
    days: number;
    on_time: string;
    off_time: string;
    enabled: number;
  }[];
}

export interface Beacon {
  uniqueId: string;
  major: number;
  minor: number;
  uuid: string;
  advInterval: number;
  avgEventInterval: number;
  lastEventTimestamp: string;
  batteryLevel: number;
  master: string;
  updatedAt: string;
  deviceData: Record<string, unknown>;
  statusData: Record<string, unknown>;
}

export const BEACON_UUID = "f7826da6-4fa2-4e98-8024-bc5b71e0893e";
const NOT_SET = "1900-01-01 00:00:00.0"; // the seed's sentinel for "no date"

/** `n` areas: 1300000000NN, the first three named as on a small site; area 2 is not a toggle area. */
export function seedAreas(n: number): Area[] {
  const names = ["Lobby", "Server room", "Loading dock"];
  return Array.from({ length: n }, (_, i) => ({
    id: `13${String(i + 1).padStart(10, "0")}`,
    name: names[i] ?? `Area ${i + 1}`,
    description: "",
    toggle: i === 2 ? "" : "T",
    factor: 0,
    authorizationTimout: 0,
    authorizationMode: 0,
    guardGroup: "",
    state: i === 1 ? "LOCKDOWN" : "open",
    zoneGroupId: "",
    siteId: "1",
    geoLocation: {
      enabled: i === 0,
      beacon: i === 0 ? { uniqueId: "rLxR", major: 1, minor: 3 } : null,
      gps: i === 0 ? { latitude: 49.1885195, longitude: -122.9922039, unitType: "m", radius: 50 } : null,
    },
    scheduledState: i === 2 ? "secure" : undefined,
  }));
}

export function seedAccessGroups(areas: Area[]): AccessGroup[] {
  return [
    { id: 3, name: "Staff", description: "", site_id: "1", areaIds: areas.slice(0, 1).map((a) => a.id) },
    { id: 545, name: "Management", description: "", site_id: "1", areaIds: areas.map((a) => a.id) },
  ];
}

export function seedSchedules(): Schedule[] {
  return [
    {
      id: "7",
      name: "Business hours",
      description: "Mon-Fri 07:00-19:00",
      siteId: "1",
      usedByAccessGroup: true,
      periods: [
        { id: "71", frequency: 2, exceptions: 0x00100, days: 62, on_time: NOT_SET, off_time: NOT_SET, enabled: 1 },
      ],
    },
    { id: "8", name: "Always on", description: "", siteId: "1", usedByAccessGroup: false, periods: [] },
  ];
}

export function seedBeacons(): Beacon[] {
  return [
    {
      uniqueId: "rLxR",
      major: 1,
      minor: 3,
      uuid: BEACON_UUID,
      advInterval: 350,
      avgEventInterval: 600,
      lastEventTimestamp: "2026-01-12T08:00:00Z",
      batteryLevel: 91,
      master: "Cz4kL",
      updatedAt: "2026-01-12T08:00:00Z",
      deviceData: {},
      statusData: {},
    },
  ];
}
