/**
 * Type tests of the lifecycle helpers, checked by `tsc` (never run): a declaration is typed as the kind's args,
 * so a misspelt or mistyped input does not compile, in a literal or kept in a variable.
 */
import { AlarmGroup, Webhook } from "../../providers/kentix";
import { createChecked, failingProperties, lifecycleOf, type PlainArgs, unchecked, updateChecked } from "./lifecycle";

const connection = { url: "https://kentix.example" };

export const typedInputs = [
  () => createChecked(AlarmGroup, { connection, name: "Lobby", armDelay: 30 }),
  // @ts-expect-error a misspelt field
  () => createChecked(AlarmGroup, { connection, name: "Lobby", armDelya: 30 }),
  // @ts-expect-error a value outside the field's enumeration
  () => createChecked(Webhook, { connection, name: "SOC", url: "https://soc.example", requestType: "PUSH" }),
  // @ts-expect-error a required field missing
  () => createChecked(AlarmGroup, { connection, armDelay: 30 }),
  () => {
    const declared = { connection, name: "Lobby", stealthMod: true };
    // @ts-expect-error a misspelt field in a declaration kept in a variable
    return createChecked(AlarmGroup, declared);
  },
  // @ts-expect-error a misspelt field in an update
  () => updateChecked(AlarmGroup, "1", {}, { connection, name: "Lobby", sortIdx: 1 }),
  // @ts-expect-error a misspelt field in a check
  () => lifecycleOf(AlarmGroup).check({}, { connection, name: "Lobby", armDelya: 30 }),
  // @ts-expect-error args of another kind
  () => createChecked(AlarmGroup, { connection, name: "SOC", url: "https://soc.example" }),
  // Bad input on purpose says so.
  () => failingProperties(AlarmGroup, unchecked({ connection, name: "Lobby", armDelya: 30 })),
  () => lifecycleOf(AlarmGroup).checkRaw({}, { connection, name: 7 }),
];

/** A declaration's type is the args with plain values (no Output, no Promise). */
export const plain: PlainArgs<typeof AlarmGroup> = { connection, name: "Lobby", parentId: "3", armDelay: 30 };

/**
 * An instance has an Output for each field its args set and for each computed value, and nothing else: only
 * those are registered with the engine (docs/architecture.md, "What a resource registers").
 */
const lobby = new AlarmGroup("lobby", { connection, name: "Lobby", armDelay: 30 });
const soc = new Webhook("soc", { connection, name: "SOC", url: "https://soc.example", requestType: "POST" });
export const typedOutputs = [
  () => lobby.name.apply((n: string) => n.length),
  () => lobby.armDelay.apply((d) => (d ?? 0) + 1),
  () => lobby.id,
  () => soc.requestType.apply((t) => t),
  () => lobby.createdAt,
  // @ts-expect-error a field the program did not set has no output
  () => lobby.stealthMode,
  // @ts-expect-error nor has a field set in another resource's args
  () => soc.armDelay,
  // A key whose value may be undefined is set (registered, and typed with its possible undefined).
  () => new AlarmGroup("maybe", { connection, name: "Lobby", armDelay: lobby ? undefined : 30 }).armDelay,
  () => {
    const declared: { connection: typeof connection; name: string; armDelay?: number } = { connection, name: "L" };
    const group = new AlarmGroup("declared", declared);
    // @ts-expect-error an optional key of the args' type may be absent at run time, so it has no output
    return group.armDelay;
  },
  // @ts-expect-error a misspelt field in the constructor's args
  () => new AlarmGroup("typo", { connection, name: "Lobby", armDelya: 30 }),
  // @ts-expect-error a value outside the field's enumeration in the constructor's args
  () => new Webhook("bad", { connection, name: "SOC", url: "https://soc.example", requestType: "PUSH" }),
];
