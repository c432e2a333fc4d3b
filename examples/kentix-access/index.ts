// Access control on one Kentix appliance: office hours with holidays, and its two door locks configured.
// `npm run build`, then `pulumi up` in this folder; test/e2e/kentix-access.test.ts runs it through the test engine.
import * as pulumi from "@pulumi/pulumi";
import * as kentix from "pulumi-facility/kentix";

const config = new pulumi.Config();

// Addressing and trust only; the token comes from `pulumi config set --secret kentix:hq.token ...`
// or KENTIX_HQ_TOKEN, never from state.
const address = { url: config.require("kentixUrl"), profile: "hq", caCertPem: config.get("kentixCaCertPem") };
const site = kentix.connection(address);

// #region kentix:ExceptionDayProfile
// The days' shape is the appliance's own (the SmartAPI documentation hides it): copy it from your appliance.
const holidays = new kentix.ExceptionDayProfile("holidays", {
  connection: site,
  name: "Public holidays",
  days: [{ date: "2026-12-24" }, { date: "2026-12-25" }, { date: "2027-01-01" }],
});
// #endregion kentix:ExceptionDayProfile

// #region kentix:TimeProfile
// The API cannot delete a time profile: destroy leaves it on the appliance (with a warning).
const officeHours = new kentix.TimeProfile("office-hours", {
  connection: site,
  name: "Office hours",
  weekly: [
    { days: ["mon", "tue", "wed", "thu", "fri"], from: "07:00", to: "19:00" },
    { days: ["sat"], from: "08:00", to: "12:30" },
  ],
  exceptionDayProfileId: holidays.id, // not active on holidays
});
// #endregion kentix:TimeProfile

// #region kentix:DoorLock
// Locks are taught in on the hardware; the program configures them, selected by name or by id.
const frontDoor = new kentix.DoorLock("front-door", {
  connection: site,
  name: "Frontdoor", // no doorLockId: the one lock with this name
  coupleTime: 5,
  timeProfileId: officeHours.id,
  timeProfileMode: "on",
  logLevel: "noUserData",
  reedWarningActive: true,
  reedWarningDelay: 120,
});
const serverRoomDoor = new kentix.DoorLock("server-room-door", {
  connection: site,
  doorLockId: "2",
  armLevel: "zone",
  doubleAuthMode: "on",
  deletePolicy: "restore", // destroy writes back the values the lock had before
});
// #endregion kentix:DoorLock

// #region kentix:LevelProfile
// Which doors, and when: staff open both doors, contractors only the front door; both during office hours.
const staffAccess = new kentix.LevelProfile("staff", {
  connection: site,
  name: "Staff",
  timeProfileId: officeHours.id,
  doorLockIds: [frontDoor.id, serverRoomDoor.id], // a lock's resource id is its id on the appliance
});
const contractorAccess = new kentix.LevelProfile("contractors", {
  connection: site,
  name: "Contractors",
  timeProfileId: officeHours.id,
  doorLockIds: [frontDoor.id],
});
// #endregion kentix:LevelProfile

// #region kentix:AccessSettings
// The appliance's access settings (one per appliance); destroy leaves them as they are.
new kentix.AccessSettings("access-settings", {
  connection: site,
  pinLength: 6,
  memoryDepth: 90, // days bookings and images are kept
  rfidMode: "kentixToken",
});
// #endregion kentix:AccessSettings

// #region kentix:CommunicationKey
// The key the appliance's devices communicate with: a secret, from `pulumi config set --secret kentixCommunicationKey`.
new kentix.CommunicationKey("communication-key", {
  connection: site,
  communicationKey: config.requireSecret("kentixCommunicationKey"),
});
// #endregion kentix:CommunicationKey

// #region kentix:User
// People: a member of staff with a card and a PIN, and a contractor whose card stops working when the contract
// ends. Passwords, PINs and card UIDs come from secret config (`pulumi config set --secret aliceCard ...`).
new kentix.User("alice", {
  connection: site,
  username: "alice",
  fullname: "Alice Example",
  email: "alice@example.com",
  password: config.requireSecret("alicePassword"), // written when it changes; the appliance never returns it
  pin: config.requireSecret("alicePin"),
  rfidUid: config.requireSecret("aliceCard"),
  levelprofiles: [staffAccess.id],
  armdisarmMode: "armAndDisarm",
});
new kentix.User("contractor", {
  connection: site,
  username: "contractor-electric",
  fullname: "Electrician (contractor)",
  rfidUid: config.requireSecret("contractorCard"),
  levelprofiles: [contractorAccess.id],
  lockAt: "2027-06-30T18:00:00Z", // locked automatically when the contract ends
});
// #endregion kentix:User
