// Checks deploy/ without a container engine (none runs where Parley is built): run by ./parley test, or alone with
//   npm ci --prefix deploy/validate && node deploy/validate/validate.mjs
// 1. deploy/compose.yaml passes dclint (the Compose schema and its lint rules, no warnings allowed);
// 2. every manifest deploy/kubernetes/kustomization.yaml lists validates against the Kubernetes schemas
//    (kubernetes-models: the OpenAPI schemas of Kubernetes), field names included;
// 3. what no schema knows: selectors select, probes hit the actuator health groups, the gateway config is the one
//    of deploy/gateway, and every service gets the settings its application.yml would otherwise point at localhost;
// 4. deploy/make-secrets.sh makes a key pair command-api can use (PKCS#8 private, X.509 public, one pair);
// 5. deploy/observability's alert rules, dashboard and scrape configuration have the shape Prometheus/Grafana read.
// Prints one line per check and "N passed, N failed"; exits 1 when anything failed.
import { execFileSync } from "node:child_process";
import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const deploy = resolve(here, "..");
const repo = resolve(deploy, "..");
const SERVICES = { "command-api": 8081, "query-api": 8082, "notification-handler": 8083 };
// Spring settings by environment that no application.yml names: allowed on every service.
const SPRING_ENV = /^(SPRING_PROFILES_ACTIVE|JAVA_TOOL_OPTIONS|MANAGEMENT_[A-Z_]+)$/;

const typeCache = new Map();
let passed = 0;
let failed = 0;
function check(name, fn) {
  try {
    const problems = fn() ?? [];
    if (problems.length === 0) {
      passed++;
      console.log(`ok    ${name}`);
    } else {
      failed++;
      console.log(`FAIL  ${name}`);
      for (const problem of problems) console.log(`        ${problem}`);
    }
  } catch (e) {
    failed++;
    console.log(`FAIL  ${name}\n        ${(e.stderr?.toString() || e.stdout?.toString() || e.message).trim().replaceAll("\n", "\n        ")}`);
  }
}

// --- 1. compose ---------------------------------------------------------------------------------------------------
const composeFile = join(deploy, "compose.yaml");
check("deploy/compose.yaml passes dclint", () => {
  execFileSync(join(here, "node_modules", ".bin", "dclint"), [composeFile, "--max-warnings", "0", "--color", "false"],
    { stdio: "pipe" });
});
const compose = parse(readFileSync(composeFile, "utf8"), { merge: true });

// --- 2. Kubernetes schemas ----------------------------------------------------------------------------------------
const k8sDir = join(deploy, "kubernetes");
const kustomization = parse(readFileSync(join(k8sDir, "kustomization.yaml"), "utf8"));
const manifests = [];
check("deploy/kubernetes/kustomization.yaml names files that exist", () => {
  const files = [...kustomization.resources, ...kustomization.configMapGenerator.flatMap((g) => g.files)];
  const listed = new Set(kustomization.resources);
  const unlisted = readdirSync(k8sDir).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml" && !listed.has(f));
  return [
    ...files.filter((f) => !existsSync(join(k8sDir, f))).map((f) => `${f} does not exist`),
    ...unlisted.map((f) => `${f} is not listed in resources`),
  ];
});
for (const file of kustomization.resources) {
  const docs = parseAllDocuments(readFileSync(join(k8sDir, file), "utf8"));
  for (const doc of docs) {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
    const manifest = doc.toJS();
    if (manifest) manifests.push({ file, manifest });
  }
}
for (const { file, manifest } of manifests) {
  const { apiVersion, kind, metadata } = manifest;
  const name = `${file}: ${kind} ${metadata?.name} matches the Kubernetes schema (${apiVersion})`;
  let model;
  try {
    const path = apiVersion.includes("/") ? `kubernetes-models/${apiVersion}/${kind}` : `kubernetes-models/v1/${kind}`;
    model = (await import(path))[kind];
  } catch (e) {
    check(name, () => [`no schema for ${apiVersion} ${kind}: ${e.message}`]);
    continue;
  }
  check(name, () => {
    const problems = [];
    try {
      new model(manifest).validate();
    } catch (invalid) {
      problems.push(invalid.message);
    }
    return [...problems, ...unknownFields(manifest, kind)];
  });
}

// kubernetes-models checks types, required fields and formats but accepts unknown fields (a typo such as
// "initialDelaySecond" would pass): compare every field name with the properties the model's type declares.
function unknownFields(manifest, kind) {
  const problems = [];
  const declared = (typeName, file) => typeProperties(typeName, file);
  walk(manifest, declared(`I${kind}`, modelFile(manifest.apiVersion, kind)), "", problems);
  return problems;
}

function modelFile(apiVersion, kind) {
  const dir = apiVersion.includes("/") ? apiVersion : `v1`;
  return join(here, "node_modules", "kubernetes-models", dir, `${kind}.d.ts`);
}
// The properties of an interface in a kubernetes-models declaration file, each with the file and interface of its
// type when that is another model ({ name: { file, type, array, map } }); null for types without a declaration.
function typeProperties(typeName, file) {
  const key = `${file}#${typeName}`;
  if (typeCache.has(key)) return typeCache.get(key);
  let result = null;
  if (existsSync(file)) {
    const source = readFileSync(file, "utf8");
    const imports = new Map();
    for (const m of source.matchAll(/import \{ ([^}]+) \} from "([^"]+)";/g)) {
      for (const part of m[1].split(",")) {
        const [original, alias] = part.trim().split(/\s+as\s+/);
        imports.set((alias ?? original).trim(), resolveImport(file, m[2], original.trim()));
      }
    }
    const body = source.match(new RegExp(`export interface ${typeName}(?: extends [^{]+)? \\{([\\s\\S]*?)\\n\\}`));
    if (body) {
      result = {};
      const members = body[1].replace(/\{\s*\[key: string\]: ([^;]+);\s*\}/g, "{ [key: string]: $1; }");
      // one property per line at the interface's indentation; an inline object type (spanning lines) is not walked
      for (const m of members.matchAll(/^ {4}"([^"]+)"\??: (.+)$/gm)) {
        const prop = m[1];
        const type = m[2].replace(/;$/, "");
        const array = type.match(/^Array<(\w+)>$/);
        const map = type.match(/^\{\s*\[key: string\]: (\w+);?\s*\}$/);
        const named = (array?.[1] ?? map?.[1] ?? type).trim();
        const target = imports.get(named);
        result[prop] = target ? { ...target, array: !!array, map: !!map } : { file: null };
      }
    }
  }
  typeCache.set(key, result);
  return result;
}
function resolveImport(fromFile, spec, name) {
  const declaration = (path) => path.replace(/\.js$/, "") + ".d.ts";
  let path;
  if (spec.startsWith(".")) path = declaration(resolve(dirname(fromFile), spec));
  else if (spec.startsWith("@kubernetes-models/apimachinery/")) {
    path = declaration(join(here, "node_modules", "@kubernetes-models", "apimachinery", spec.split("/").slice(2).join("/")));
  } else return null;
  if (!existsSync(path)) throw new Error(`no declaration ${path} for ${name}`);
  // aliases such as IIoK8sApiCoreV1Probe name the interface I<Kind> of that file
  const kindName = path.split("/").pop().replace(/\.d\.ts$/, "");
  return { file: path, type: `I${kindName}` };
}
function walk(value, properties, path, problems) {
  if (properties === null || value === null || typeof value !== "object" || Array.isArray(value)) return;
  for (const [field, child] of Object.entries(value)) {
    const property = properties[field];
    if (!property) {
      problems.push(`${path || "."}: unknown field "${field}"`);
      continue;
    }
    if (!property.file) continue;
    const childProperties = typeProperties(property.type, property.file);
    const at = `${path}.${field}`;
    if (property.array && Array.isArray(child)) child.forEach((item, i) => walk(item, childProperties, `${at}[${i}]`, problems));
    else if (property.map && child && typeof child === "object") Object.entries(child).forEach(([k, v]) => walk(v, childProperties, `${at}.${k}`, problems));
    else walk(child, childProperties, at, problems);
  }
}

// --- 3. what the schemas do not know ------------------------------------------------------------------------------
const byKind = (kind) => manifests.map((m) => m.manifest).filter((m) => m.kind === kind);
const deployments = byKind("Deployment");
const workloads = [...deployments, ...byKind("StatefulSet")];

check("every Deployment's and StatefulSet's selector selects its own pods", () =>
  workloads.filter((d) => !selects(d.spec.selector.matchLabels, d.spec.template.metadata.labels))
    .map((d) => `${d.metadata.name}: selector ${JSON.stringify(d.spec.selector.matchLabels)}`));

check("every Service and PodDisruptionBudget selects the pods of a Deployment or StatefulSet", () =>
  [...byKind("Service").map((s) => [s, s.spec.selector]), ...byKind("PodDisruptionBudget").map((p) => [p, p.spec.selector.matchLabels])]
    .filter(([, selector]) => !workloads.some((d) => selects(selector, d.spec.template.metadata.labels)))
    .map(([r, selector]) => `${r.kind} ${r.metadata.name}: nothing has labels ${JSON.stringify(selector)}`));

check("the HorizontalPodAutoscaler scales query-api, which sets no replicas of its own", () => {
  const hpas = byKind("HorizontalPodAutoscaler");
  const problems = [];
  if (!hpas.some((h) => h.spec.scaleTargetRef.kind === "Deployment" && h.spec.scaleTargetRef.name === "query-api")) problems.push("no HPA for query-api");
  for (const h of hpas) {
    const target = deployments.find((d) => d.metadata.name === h.spec.scaleTargetRef.name);
    if (!target) problems.push(`${h.metadata.name}: no Deployment ${h.spec.scaleTargetRef.name}`);
    else if (target.spec.replicas !== undefined) problems.push(`${target.metadata.name} sets replicas, which the HPA owns`);
    if (!target?.spec.template.spec.containers.every((c) => c.resources?.requests?.cpu)) problems.push(`${h.metadata.name}: CPU utilisation needs CPU requests`);
  }
  return problems;
});

check("every query-api, command-api and gateway has a PodDisruptionBudget", () =>
  ["query-api", "command-api", "gateway"].filter((name) => !byKind("PodDisruptionBudget")
    .some((p) => selects(p.spec.selector.matchLabels, deployments.find((d) => d.metadata.name === name)?.spec.template.metadata.labels ?? {})))
    .map((name) => `${name}: none`));

check("service containers probe the actuator health groups on their port and have resources", () => {
  const problems = [];
  for (const [service, port] of Object.entries(SERVICES)) {
    const container = deployments.find((d) => d.metadata.name === service)?.spec.template.spec.containers[0];
    if (!container) { problems.push(`${service}: no Deployment`); continue; }
    const named = Object.fromEntries(container.ports.map((p) => [p.name, p.containerPort]));
    const expect = { startupProbe: "/actuator/health/liveness", livenessProbe: "/actuator/health/liveness", readinessProbe: "/actuator/health/readiness" };
    for (const [probe, path] of Object.entries(expect)) {
      const get = container[probe]?.httpGet;
      if (get?.path !== path) problems.push(`${service}: ${probe} is not GET ${path}`);
      if ((named[get?.port] ?? get?.port) !== port) problems.push(`${service}: ${probe} does not hit port ${port}`);
    }
    if (!container.resources?.requests?.memory || !container.resources?.limits?.memory) problems.push(`${service}: no memory request and limit`);
  }
  return problems;
});

check("the Kubernetes copies of the gateway and Axon Server settings are the originals", () =>
  [[join(deploy, "gateway", "nginx.conf"), "nginx.conf"], [join(repo, "axonserver", "axonserver.properties"), "axonserver.properties"]]
    .filter(([original, copy]) => readFileSync(join(k8sDir, copy), "utf8") !== readFileSync(original, "utf8"))
    .map(([original, copy]) => `deploy/kubernetes/${copy} differs: cp ${original.slice(repo.length + 1)} deploy/kubernetes/`));

check("compose: query-api scales (no container name, no host port) and every service has a health check", () => [
  ...(compose.services["query-api"].container_name ? ["query-api has a container_name"] : []),
  ...(compose.services["query-api"].ports ? ["query-api publishes ports"] : []),
  ...Object.entries(compose.services).filter(([, s]) => !s.healthcheck?.test).map(([name]) => `${name}: no healthcheck`),
  ...Object.entries(compose.services).filter(([, s]) => s.image && !/:[\w.-]+$/.test(s.image) || /:latest$/.test(s.image ?? ""))
    .map(([name, s]) => `${name}: image ${s.image} is not pinned`),
]);

// Each service's settings by environment variable: ${NAME:default} in its application.yml.
function settings(service) {
  const yml = readFileSync(join(repo, service, "src", "main", "resources", "application.yml"), "utf8");
  return new Map([...yml.matchAll(/\$\{([A-Z][A-Z0-9_]+):([^}]*)\}/g)].map((m) => [m[1], m[2]]));
}
function composeEnv(service) {
  return compose.services[service].environment ?? {};
}
function k8sEnv(service) {
  const container = deployments.find((d) => d.metadata.name === service).spec.template.spec.containers[0];
  return Object.fromEntries(container.env.map((e) => [e.name, e.value ?? "(from " + JSON.stringify(e.valueFrom) + ")"]));
}
for (const [where, envOf] of [["compose", composeEnv], ["kubernetes", k8sEnv]]) {
  check(`${where}: every variable given to a service is one its application.yml reads`, () => {
    const problems = [];
    for (const service of Object.keys(SERVICES)) {
      const known = settings(service);
      for (const name of Object.keys(envOf(service))) {
        if (!known.has(name) && !SPRING_ENV.test(name)) problems.push(`${service}: ${name} is read by nothing`);
      }
    }
    return problems;
  });
  check(`${where}: no service is left with a localhost default, dev signing keys, unforwarded client addresses or plain-text logs`, () => {
    const problems = [];
    for (const service of Object.keys(SERVICES)) {
      const env = envOf(service);
      for (const [name, fallback] of settings(service)) {
        if (/127\.0\.0\.1|localhost/.test(fallback) && !(name in env) && name !== "PARLEY_PASSWORD_RESET_URL") {
          problems.push(`${service}: ${name} is not set (its default ${fallback} is the container itself)`);
        }
      }
      const profiles = (env.SPRING_PROFILES_ACTIVE ?? "").split(",");
      if (!profiles.includes("axonserver")) problems.push(`${service}: not in Axon Server mode`);
      if (!profiles.includes("deploy")) problems.push(`${service}: no deploy profile (JSON logs)`);
    }
    const command = envOf("command-api");
    if (command.PARLEY_FORWARD_HEADERS_STRATEGY !== "native") problems.push("command-api: PARLEY_FORWARD_HEADERS_STRATEGY is not native behind the gateway");
    for (const key of ["PARLEY_JWT_PRIVATE_KEY_LOCATION", "PARLEY_JWT_PUBLIC_KEY_LOCATION"]) {
      if (!command[key]) problems.push(`command-api: ${key} is not set (it would make dev keys per instance)`);
    }
    return problems;
  });
}

// --- 4. the secrets script ----------------------------------------------------------------------------------------
check("deploy/make-secrets.sh makes a PKCS#8 / X.509 RS256 key pair and the compose passwords", () => {
  const dir = mkdtempSync(join(tmpdir(), "parley-secrets-"));
  try {
    execFileSync("bash", [join(deploy, "make-secrets.sh"), join(dir, "secrets"), join(dir, ".env")], { stdio: "pipe" });
    const privatePem = readFileSync(join(dir, "secrets", "jwt-private.pem"), "utf8");
    const publicPem = readFileSync(join(dir, "secrets", "jwt-public.pem"), "utf8");
    const env = readFileSync(join(dir, ".env"), "utf8");
    const problems = [];
    if (!privatePem.startsWith("-----BEGIN PRIVATE KEY-----")) problems.push("the private key is not PKCS#8 PEM");
    if (!publicPem.startsWith("-----BEGIN PUBLIC KEY-----")) problems.push("the public key is not X.509 PEM");
    const data = Buffer.from("parley");
    const signature = sign("sha256", data, createPrivateKey(privatePem));
    if (!verify("sha256", data, createPublicKey(publicPem), signature)) problems.push("the keys are not one pair");
    if (createPrivateKey(privatePem).asymmetricKeyDetails.modulusLength < 2048) problems.push("the key is shorter than 2048 bits");
    for (const name of ["PARLEY_POSTGRES_PASSWORD", "PARLEY_RABBITMQ_PASSWORD"]) {
      if (!new RegExp(`^${name}=[0-9a-f]{32,}$`, "m").test(env)) problems.push(`.env has no random ${name}`);
    }
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// --- 5. observability -------------------------------------------------------------------------------------------
// That each metric named here exists is checked by the services' MetricsIT (Maven); here the files' shapes.
const observability = join(deploy, "observability");
check("deploy/observability: alert rules have a name, an expression, a severity and a summary", () => {
  const rules = parse(readFileSync(join(observability, "alerts.yaml"), "utf8")).groups.flatMap((g) => g.rules);
  return rules.length === 0 ? ["no rules"] : rules
    .filter((r) => !r.alert || !r.expr || !r.labels?.severity || !r.annotations?.summary)
    .map((r) => `${r.alert ?? "a rule"} lacks alert, expr, labels.severity or annotations.summary`);
});
check("deploy/observability: the Grafana dashboard's panels query Prometheus, and prometheus.yml loads the alerts", () => {
  const dashboard = JSON.parse(readFileSync(join(observability, "grafana-dashboard.json"), "utf8"));
  const prometheus = parse(readFileSync(join(observability, "prometheus.yml"), "utf8"));
  const jobs = prometheus.scrape_configs.map((c) => c.job_name);
  return [
    ...dashboard.panels.filter((p) => !p.targets?.length || p.targets.some((t) => !t.expr)).map((p) => `panel "${p.title}" has no query`),
    ...(prometheus.rule_files.includes("alerts.yaml") ? [] : ["prometheus.yml does not load alerts.yaml"]),
    ...Object.keys(SERVICES).filter((s) => !jobs.includes(s)).map((s) => `prometheus.yml has no job ${s}`),
  ];
});

function selects(selector, labels) {
  return Object.entries(selector ?? {}).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

console.log(`deploy: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
