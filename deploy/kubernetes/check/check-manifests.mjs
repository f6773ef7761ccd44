// Checks the Kubernetes manifests the project ships: every document against the Kubernetes API's JSON
// schemas (types, required fields, enums), and every advisor container against the lock-down the docs
// promise. Writes each advisor ConfigMap's advisor.yaml to OUT_DIR, so that the caller can run
// `scaling-advisor check` on it. No cluster is needed, and none is contacted.
//
//   node check-manifests.mjs OUT_DIR FILE.yaml...
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import yaml from "js-yaml";
import * as core from "kubernetes-models/v1";
import * as apps from "kubernetes-models/apps/v1";

const modelsByApiVersion = { v1: core, "apps/v1": apps };
const [outDir, ...files] = process.argv.slice(2);
const problems = [];
let documents = 0;

for (const file of files) {
  yaml.loadAll(readFileSync(file, "utf8"), null, { filename: file }).forEach((doc, index) => {
    if (doc === null || doc === undefined) return;
    documents++;
    const where = `${file}: document ${index + 1} (${doc.kind ?? "?"} ${doc.metadata?.name ?? "?"})`;
    const problem = (message) => problems.push(`${where}: ${message}`);
    const Model = modelsByApiVersion[doc.apiVersion]?.[doc.kind];
    if (!Model) {
      problem(`no schema for apiVersion ${doc.apiVersion} kind ${doc.kind}`);
      return;
    }
    try {
      new Model(doc).validate();
    } catch (e) {
      problem(`not valid against the Kubernetes schema: ${e.message}`);
    }
    if (doc.kind === "ConfigMap" && doc.data?.["advisor.yaml"] !== undefined) {
      const name = `${basename(file, ".yaml")}--${doc.metadata.name}.yaml`;
      writeFileSync(`${outDir}/${name}`, doc.data["advisor.yaml"]);
    }
    if (doc.kind === "Deployment") {
      checkPod(doc.spec.template.spec, problem);
    }
  });
}

/** The advisor's containers in a pod: locked down, probed, writing only to its volumes. */
function checkPod(pod, problem) {
  const advisors = [
    ...(pod.containers ?? []).map((c) => ({ c, sidecar: false })),
    ...(pod.initContainers ?? []).map((c) => ({ c, sidecar: true })),
  ].filter(({ c }) => c.image?.includes("scaling-advisor"));
  if (advisors.length === 0) problem("no scaling-advisor container");
  for (const { c, sidecar } of advisors) {
    const at = (message) => problem(`container ${c.name}: ${message}`);
    const sc = c.securityContext ?? {};
    const podSc = pod.securityContext ?? {};
    if ((sc.runAsNonRoot ?? podSc.runAsNonRoot) !== true) at("runAsNonRoot is not true");
    if ((sc.runAsUser ?? podSc.runAsUser) !== 65532) at("does not run as UID 65532");
    if (sc.readOnlyRootFilesystem !== true) at("readOnlyRootFilesystem is not true");
    if (sc.allowPrivilegeEscalation !== false) at("allowPrivilegeEscalation is not false");
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) at("capabilities.drop does not include ALL");
    if ((sc.seccompProfile ?? podSc.seccompProfile)?.type !== "RuntimeDefault") at("seccompProfile is not RuntimeDefault");
    if (sidecar && c.restartPolicy !== "Always") at("an init container without restartPolicy: Always is no sidecar");
    if (c.livenessProbe?.httpGet?.path !== "/healthz") at("livenessProbe is not GET /healthz");
    if (c.startupProbe?.httpGet?.path !== "/healthz") at("startupProbe is not GET /healthz");
    // A sidecar's readiness is the whole pod's: Prometheus being down must not take Flink out of its Service.
    if (!sidecar && c.readinessProbe?.httpGet?.path !== "/readyz") at("readinessProbe is not GET /readyz");
    if (sidecar && c.readinessProbe) at("a sidecar's readinessProbe would gate the JobManager's readiness");
    if (!c.resources?.limits?.memory) at("no memory limit (the heap is sized from it)");
    const mounts = new Map((c.volumeMounts ?? []).map((m) => [m.mountPath, m]));
    for (const path of ["/tmp", "/var/lib/scaling-advisor", "/etc/scaling-advisor"]) {
      if (!mounts.has(path)) at(`nothing mounted at ${path}`);
    }
    if (mounts.get("/etc/scaling-advisor") && mounts.get("/etc/scaling-advisor").readOnly !== true) at("configuration mounted writable");
    for (const e of c.env ?? []) {
      if (/url|secret|token|password/i.test(e.name) && !/_FILE$/.test(e.name)) at(`secret-looking variable ${e.name}: pass secrets as files`);
    }
  }
  if (pod.automountServiceAccountToken !== false) problem("automountServiceAccountToken is not false");
}

if (problems.length > 0) {
  problems.forEach((p) => console.error(p));
  console.error(`${problems.length} problem(s) in ${files.length} file(s)`);
  process.exit(1);
}
console.log(`${documents} Kubernetes documents in ${files.length} files are valid and locked down`);
