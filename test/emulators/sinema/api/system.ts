/** System and services objects: SMS gateway providers, static routes (202 operations with a status URL), Syslog servers. */
import type { Rules } from "../validate";
import { API, body, checked, type Context, fail, id, notFound, ok } from "./shared";

export function systemRoutes({ o, T, route, unique, list, setting }: Context): void {
  const SMS: Rules = {
    name: { kind: "string", required: true, min: 1 },
    address: { kind: "string", required: true, min: 1 },
    senderNumber: { kind: "string" },
    subject: { kind: "string" },
    cc: { kind: "string" },
    text: { kind: "string", required: true, min: 1 },
  };
  route("GET /system/smsandemail/sms", (req) =>
    list(
      req,
      T.sms.all().map((s) => ({ id: s.id, name: s.name })),
      "provider",
    ),
  );
  route("POST /system/smsandemail/sms", (req) =>
    checked(req.body, SMS, false, "Invalid settings", (v) =>
      unique("sms", "name", v.name)
        ? fail(409, "The SMS gateway provider already exists.")
        : ok({ ID: T.sms.insert(v).id }),
    ),
  );
  route("DELETE /system/smsandemail/sms", (req) => {
    const smsId = body(req).ID;
    if (!Number.isInteger(smsId)) return fail(422, "Entry required", { ID: "must be an integer" });
    if (!T.sms.get(smsId as number)) return notFound();
    for (const d of T.devices.all().filter((x) => x.smsGatewayProvider === smsId))
      T.devices.update(d.id, { smsGatewayProvider: null });
    T.sms.remove(smsId as number);
    return ok();
  });
  route("GET /system/smsandemail/sms/{id}", (_q, p) => {
    const s = T.sms.get(id(p.id));
    return s
      ? ok({
          name: s.name,
          address: s.address,
          senderNumber: s.senderNumber ?? "",
          subject: s.subject ?? "",
          cc: s.cc ?? "",
          text: s.text,
        })
      : notFound();
  });
  route("PUT /system/smsandemail/sms/{id}", (req, p) =>
    T.sms.get(id(p.id))
      ? checked(req.body, SMS, true, "Invalid settings", (v) => (T.sms.update(id(p.id), v), ok()))
      : notFound(),
  );

  const ROUTE: Rules = {
    destinationNetwork: { kind: "ipv4", required: true },
    networkMask: { kind: "mask", required: true },
    gateway: { kind: "ipv4", required: true },
    interface: { kind: "int", required: true, values: [0, 1, 2, 3, 4] },
  };
  route("GET /system/network/staticroutes", (req) =>
    list(
      req,
      T.routes
        .all()
        .filter((r) => r.state !== "failed")
        .map((r) => ({ id: r.id, destinationNetwork: r.destinationNetwork })),
      "users",
    ),
  );
  route("POST /system/network/staticRoutes", (req) =>
    checked(req.body, ROUTE, false, "Invalid settings", (v) => {
      if (T.routes.all().some((r) => r.destinationNetwork === v.destinationNetwork && r.networkMask === v.networkMask))
        return fail(409, "The route already exists");
      const failure = o.asyncFailure();
      o.clearAsyncFailure();
      const row = T.routes.insert({
        ...v,
        description: `Route to ${String(v.destinationNetwork)} via ${String(v.gateway)}`,
        polls: o.asyncPolls,
        failure,
      });
      return {
        status: 202,
        body: {
          detail: "The static route is being added",
          staticRouteRequestId: row.id,
          staticRouteStatusCheckUrl: `${req.origin}${API}/system/network/staticroutes/${row.id}/status`,
        },
      };
    }),
  );
  route("GET /system/network/staticroutes/{id}/status", (_q, p) => {
    const r = T.routes.get(id(p.id));
    if (!r) return notFound();
    if ((r.polls as number) > 0) {
      T.routes.update(r.id, { polls: (r.polls as number) - 1 });
      return ok({ status: "pending", errorField: "", description: r.description });
    }
    const failure = r.failure as { errorField: string; description: string } | undefined;
    if (failure) {
      T.routes.remove(r.id); // a failed add leaves no route behind
      return ok({ status: "failed", ...failure });
    }
    return ok({ status: "success", errorField: "", description: r.description });
  });
  route("GET /system/network/staticroutes/{id}", (_q, p) => {
    const r = T.routes.get(id(p.id));
    return r
      ? ok({
          destinationNetwork: r.destinationNetwork,
          networkMask: r.networkMask,
          gateway: r.gateway,
          interface: r.interface,
          description: r.description,
        })
      : notFound();
  });
  route("DELETE /system/network/staticroutes/{id}", (_q, p) => (T.routes.remove(id(p.id)) ? ok() : notFound()));

  setting(
    "syslogHostname",
    "/services/syslog/hostname",
    { hostname: { kind: "string", required: true, min: 1 } },
    (s) => s,
  );
  route("GET /services/syslog", (req) =>
    list(
      req,
      T.syslog.all().map((s) => ({ id: s.id, ipAddress: s.serverIp })),
      "server",
    ),
  );
  route("POST /services/syslog", (req) =>
    checked(
      req.body,
      {
        serverIp: { kind: "ipv4", required: true },
        port: { kind: "string", required: true, min: 1 },
        protocol: { kind: "int", required: true, values: [0, 1] },
        certificate: { kind: "int" },
      },
      false,
      "Invalid entry",
      (v) => {
        if (!/^\d{1,5}$/.test(String(v.port))) return fail(422, "Invalid entry", { port: "must be a port number" });
        if (unique("syslog", "serverIp", v.serverIp)) return fail(403, 'The "serverIp" value must be unique');
        return ok({ id: T.syslog.insert(v).id });
      },
    ),
  );
  route("GET /services/syslog/{id}", (_q, p) => {
    const s = T.syslog.get(id(p.id));
    return s
      ? ok({
          serverIp: s.serverIp,
          port: String(s.port),
          protocol: s.protocol,
          certificate: s.certificate ?? null,
          status: "connected",
          clientAuthentication: false,
        })
      : notFound();
  });
  route("DELETE /services/syslog/{id}", (_q, p) => (T.syslog.remove(id(p.id)) ? ok() : notFound()));
}
