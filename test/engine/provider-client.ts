/**
 * The engine's half of the ResourceProvider protocol (pkg/resource/plugin/provider_plugin.go):
 * marshalling for a plugin that accepts no secrets, annotateSecrets on the way back, DIFF_* mapping
 * and ErrorResourceInitFailed (partial create/update) decoding.
 */
import { deadline } from "./deadline";
import type { Changes, DiffKind, DiffResult } from "./diff";
import { annotateSecrets, propsForProvider, type Props } from "./properties";
import type { Metadata, ServiceError } from "@grpc/grpc-js";
import { grpc, providerGrpc, providerProto, statusProto, structProto } from "./sdk";
import type { RpcLogEntry } from "./types";

/** A create/update that left an object behind: the engine keeps it in state with init errors. */
export class InitError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly outputs: Props,
    readonly reasons: string[],
  ) {
    super(message);
  }
}

export interface CheckFailure {
  property: string;
  reason: string;
}

const toStruct = (p: Props) => structProto.Struct.fromJavaScript(p);
const fromStruct = (s: { toJavaScript(): Props } | undefined): Props | undefined => (s ? s.toJavaScript() : undefined);
const changesOf = (c: number): Changes => (c === 2 ? "some" : c === 1 ? "none" : "unknown");

export class ProviderClient {
  private readonly client: any;

  constructor(
    port: number,
    private readonly rpcLog: RpcLogEntry[],
    private readonly timeoutMs: number,
  ) {
    this.client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": 400 * 1024 * 1024,
    });
  }

  close(): void {
    this.client.close();
  }

  /**
   * One unary RPC. Its deadline is fair-share time (deadline.ts), so a loaded machine does not fail
   * a slow answer while a plugin that hangs still fails; the call is cancelled when it expires.
   */
  private call<T>(method: RpcLogEntry["method"], urn: string, fn: string, req: unknown): Promise<T> {
    this.rpcLog.push({ method, urn });
    return new Promise<T>((resolve, reject) => {
      let expired = false;
      const call = this.client[fn](req, new grpc.Metadata(), (err: ServiceError | null, resp: T) => {
        timer.cancel();
        if (expired) return;
        if (err) reject(err);
        else resolve(resp);
      });
      const timer = deadline(this.timeoutMs, () => {
        expired = true;
        call.cancel();
        reject(
          new Error(
            `${method} got no answer from the dynamic-provider plugin within ${this.timeoutMs} ms (counted at the machine's load)`,
          ),
        );
      });
    });
  }

  /**
   * The whole stack config, namespaced keys, secrets decrypted and marked secret (GetPackageConfig
   * for pulumi-nodejs). Variables carry the legacy `<pkg>:config:<key>` spelling as the engine does.
   */
  async configure(
    config: Props,
    plainVariables: Record<string, string>,
  ): Promise<{ acceptSecrets: boolean; supportsPreview: boolean }> {
    const req = new providerProto.ConfigureRequest();
    req.setArgs(toStruct(config));
    for (const [k, v] of Object.entries(plainVariables)) req.getVariablesMap().set(k, v);
    req.setAcceptsecrets(true);
    req.setAcceptresources(true);
    req.setSendsOldInputs(true);
    req.setSendsOldInputsToDelete(true);
    const resp: any = await this.call("Configure", "", "configure", req);
    return { acceptSecrets: resp.getAcceptsecrets(), supportsPreview: resp.getSupportspreview() };
  }

  async check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: CheckFailure[] }> {
    const req = new providerProto.CheckRequest();
    req.setUrn(urn);
    req.setOlds(toStruct(propsForProvider(olds)));
    req.setNews(toStruct(propsForProvider(news)));
    const resp: any = await this.call("Check", urn, "check", req);
    const inputs = fromStruct(resp.getInputs()) ?? {};
    annotateSecrets(inputs, news);
    const failures = resp.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() }));
    return { inputs, failures };
  }

  async diff(
    urn: string,
    id: string,
    oldInputs: Props,
    oldOutputs: Props,
    newInputs: Props,
    ignoreChanges: string[],
  ): Promise<DiffResult> {
    const req = changeRequest(
      new providerProto.DiffRequest(),
      urn,
      id,
      oldInputs,
      oldOutputs,
      newInputs,
      ignoreChanges,
    );
    const resp: any = await this.call("Diff", urn, "diff", req);
    const changes = changesOf(resp.getChanges());
    return {
      changes,
      providerChanges: changes,
      replaceKeys: resp.getReplacesList(),
      changedKeys: resp.getDiffsList(),
      deleteBeforeReplace: resp.getDeletebeforereplace(),
      // The Node plugin never sends one; kept so the client stays a faithful ResourceProvider client.
      detailedDiff: resp.getHasdetaileddiff() ? decodeDetailedDiff(resp.getDetaileddiffMap()) : undefined,
    };
  }

  async create(urn: string, props: Props): Promise<{ id: string; outputs: Props }> {
    const req = new providerProto.CreateRequest();
    req.setUrn(urn);
    req.setProperties(toStruct(propsForProvider(props)));
    try {
      const resp: any = await this.call("Create", urn, "create", req);
      const outputs = fromStruct(resp.getProperties()) ?? {};
      annotateSecrets(outputs, props);
      if (!resp.getId())
        throw new Error(`plugin for package 'pulumi-nodejs' returned empty resource.ID from create '${urn}'`);
      return { id: resp.getId(), outputs };
    } catch (err) {
      throw this.initErrorOr(err, props);
    }
  }

  async read(
    urn: string,
    id: string,
    inputs: Props,
    state: Props,
  ): Promise<{ id: string; outputs: Props; inputs?: Props }> {
    const req = new providerProto.ReadRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setProperties(toStruct(propsForProvider(state)));
    req.setInputs(toStruct(propsForProvider(inputs)));
    const resp: any = await this.call("Read", urn, "read", req);
    if (!resp.getId()) return { id: "", outputs: {} };
    const outputs = fromStruct(resp.getProperties()) ?? {};
    const newInputs = fromStruct(resp.getInputs());
    annotateSecrets(newInputs, inputs);
    annotateSecrets(outputs, state);
    return { id: resp.getId(), outputs, inputs: newInputs };
  }

  async update(
    urn: string,
    id: string,
    oldInputs: Props,
    oldOutputs: Props,
    newInputs: Props,
    ignoreChanges: string[],
  ): Promise<Props> {
    const req = changeRequest(
      new providerProto.UpdateRequest(),
      urn,
      id,
      oldInputs,
      oldOutputs,
      newInputs,
      ignoreChanges,
    );
    try {
      const resp: any = await this.call("Update", urn, "update", req);
      const outputs = fromStruct(resp.getProperties()) ?? {};
      annotateSecrets(outputs, newInputs);
      return outputs;
    } catch (err) {
      throw this.initErrorOr(err, newInputs, id);
    }
  }

  async delete(urn: string, id: string, oldInputs: Props, oldOutputs: Props): Promise<void> {
    const req = new providerProto.DeleteRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setProperties(toStruct(propsForProvider(oldOutputs)));
    req.setOldInputs(toStruct(propsForProvider(oldInputs)));
    await this.call("Delete", urn, "delete", req);
  }

  /** parseError: ErrorResourceInitFailed in grpc-status-details-bin means the object exists. */
  private initErrorOr(err: unknown, inputs: Props, fallbackId?: string): Error {
    const e = err as ServiceError & { metadata?: Metadata };
    const message = e?.details ?? (err as Error)?.message ?? String(err);
    const bin = e?.metadata?.get?.("grpc-status-details-bin")?.[0];
    if (bin) {
      const status = statusProto.Status.deserializeBinary(new Uint8Array(bin as Buffer));
      for (const any of status.getDetailsList()) {
        if (any.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
        const detail = providerProto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
        const outputs = fromStruct(detail.getProperties()) ?? {};
        annotateSecrets(outputs, inputs);
        return new InitError(message, detail.getId() || fallbackId || "", outputs, detail.getReasonsList());
      }
    }
    return new Error(message);
  }
}

function decodeDetailedDiff(map: any): Record<string, DiffKind> {
  const kinds: DiffKind[] = ["add", "add-replace", "delete", "delete-replace", "update", "update-replace"];
  const out: Record<string, DiffKind> = {};
  map.forEach((v: any, k: string) => (out[k] = kinds[v.getKind()] ?? "update"));
  return out;
}

/** Diff and Update requests carry the same fields: the resource, its old inputs and outputs, the new inputs. */
function changeRequest<R>(
  req: R,
  urn: string,
  id: string,
  oldInputs: Props,
  oldOutputs: Props,
  newInputs: Props,
  ignoreChanges: string[],
): R {
  const r = req as any;
  r.setUrn(urn);
  r.setId(id);
  r.setOldInputs(toStruct(propsForProvider(oldInputs)));
  r.setOlds(toStruct(propsForProvider(oldOutputs)));
  r.setNews(toStruct(propsForProvider(newInputs)));
  r.setIgnorechangesList(ignoreChanges);
  return req;
}
