// Checks the Kubernetes manifests the project ships: every document against the Kubernetes API's JSON
// schemas (types, required fields, enums; the Prometheus Operator's for a ServiceMonitor), every advisor
// container against the lock-down the docs promise, its state on a PersistentVolumeClaim (in act mode the
// rescale journal must outlive the pod), every advisor Deployment of its own behind a NetworkPolicy, and
// every ServiceMonitor against the Service it scrapes. Writes each advisor ConfigMap's advisor.yaml to
// OUT_DIR, so that the caller can run `scaling-advisor check` on it. No cluster is needed, and none is
// contacted. Cross-document checks look at all the files given together.
//
//   node check-manifests.mjs OUT_DIR FILE.yaml...
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import yaml from "js-yaml";
import * as core from "kubernetes-models/v1";
import * as apps from "kubernetes-models/apps/v1";
import * as networking from "kubernetes-models/networking.k8s.io/v1";
import * as monitoring from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";

const modelsByApiVersion = { v1: core, "apps/v1": apps, "networking.k8s.io/v1": networking, "monitoring.coreos.com/v1": monitoring };
const [outDir, ...files] = process.argv.slice(2);
const problems = [];
let documents = 0;
// Every document with where it came from, for the checks that span documents.
const all = [];

for (const file of files) {
  yaml.loadAll(readFileSync(file, "utf8"), null, { filename: file }).forEach((doc, index) => {
    if (doc === null || doc === undefined) return;
    // Kustomize's own files: `kubectl kustomize` checks them, and its output is checked here.
    if (doc.apiVersion?.startsWith("kustomize.config.k8s.io/")) return;
    documents++;
    const where = `${file}: document ${index + 1} (${doc.kind ?? "?"} ${doc.metadata?.name ?? "?"})`;
    const problem = (message) => problems.push(`${where}: ${message}`);
    all.push({ doc, problem });
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

const ofKind = (kind) => all.filter(({ doc }) => doc.kind === kind);
const selects = (matchLabels, labels) =>
  Object.entries(matchLabels ?? {}).length > 0 && Object.entries(matchLabels).every(([k, v]) => labels?.[k] === v);

for (const { doc, problem } of ofKind("Deployment")) {
  const pod = doc.spec.template.spec;
  const labels = doc.spec.template.metadata?.labels;
  for (const { c, sidecar } of advisorContainers(pod)) {
    const at = (message) => problem(`container ${c.name}: ${message}`);
    // The state: a claim that exists, so that the journal of a rescale in flight survives the pod.
    const mount = (c.volumeMounts ?? []).find((m) => m.mountPath === "/var/lib/scaling-advisor");
    const volume = (pod.volumes ?? []).find((v) => v.name === mount?.name);
    const config = (pod.volumes ?? []).find((v) => v.name === (c.volumeMounts ?? []).find((m) => m.mountPath === "/etc/scaling-advisor")?.name);
    const configMap = ofKind("ConfigMap").find(({ doc: cm }) => cm.metadata.name === config?.configMap?.name)?.doc;
    const mode = configMap ? yaml.load(configMap.data?.["advisor.yaml"] ?? "")?.mode ?? "observe" : "unknown";
    if (!volume?.persistentVolumeClaim) {
      at(`state /var/lib/scaling-advisor is ${volume ? Object.keys(volume).filter((k) => k !== "name").join(",") : "not a volume"}, `
        + `not a PersistentVolumeClaim (mode ${mode}; in act mode the rescale journal must outlive the pod)`);
    } else {
      const claim = volume.persistentVolumeClaim.claimName;
      if (!ofKind("PersistentVolumeClaim").some(({ doc: pvc }) => pvc.metadata.name === claim)) at(`PersistentVolumeClaim ${claim} is not defined`);
      // A second pod of a rolling update would wait for the claim, or two advisors would share the state.
      if (doc.spec.strategy?.type !== "Recreate") problem("the advisor's state is a claim: strategy must be Recreate");
    }
    if (sidecar) continue;
    // Its own pod: a NetworkPolicy that limits both directions, inbound to the advisor's port alone.
    const policies = ofKind("NetworkPolicy").filter(({ doc: np }) => selects(np.spec.podSelector?.matchLabels, labels));
    if (policies.length === 0) {
      at("no NetworkPolicy selects this pod");
      continue;
    }
    for (const { doc: np, problem: npProblem } of policies) {
      const types = np.spec.policyTypes ?? [];
      if (!types.includes("Ingress") || !types.includes("Egress")) npProblem("policyTypes must be Ingress and Egress");
      for (const rule of np.spec.ingress ?? []) {
        if (!rule.from?.length) npProblem("an ingress rule without from: admits every pod");
        const ports = (rule.ports ?? []).map((p) => p.port);
        if (ports.length === 0 || ports.some((p) => p !== 9790 && p !== "http")) npProblem(`ingress to ports other than 9790: ${ports.join(",") || "all"}`);
      }
      const egressPorts = (np.spec.egress ?? []).flatMap((rule) => (rule.ports ?? []).map((p) => `${p.protocol ?? "TCP"}/${p.port}`));
      for (const needed of ["UDP/53", "TCP/9090", "TCP/8081"]) {
        if (!egressPorts.includes(needed)) npProblem(`no egress to ${needed} (DNS, Prometheus, Flink REST)`);
      }
      if ((np.spec.egress ?? []).some((rule) => !rule.ports?.length)) npProblem("an egress rule without ports: allows every port");
    }
  }
}

for (const { doc: sm, problem } of ofKind("ServiceMonitor")) {
  const services = ofKind("Service").filter(({ doc: svc }) => selects(sm.spec.selector?.matchLabels, svc.metadata.labels));
  if (services.length === 0 && ofKind("Service").length > 0) problem("selects no Service");
  for (const endpoint of sm.spec.endpoints ?? []) {
    if (endpoint.path !== "/metrics") problem(`endpoint path ${endpoint.path}, not /metrics`);
    for (const { doc: svc } of services) {
      if (!(svc.spec.ports ?? []).some((p) => p.name === endpoint.port)) problem(`Service ${svc.metadata.name} has no port named ${endpoint.port}`);
    }
  }
}

/** The advisor's containers of a pod, each with whether it is a native sidecar (an init container). */
function advisorContainers(pod) {
  return [
    ...(pod.containers ?? []).map((c) => ({ c, sidecar: false })),
    ...(pod.initContainers ?? []).map((c) => ({ c, sidecar: true })),
  ].filter(({ c }) => c.image?.includes("scaling-advisor"));
}

/** The advisor's containers in a pod: locked down, probed, writing only to its volumes. */
function checkPod(pod, problem) {
  const advisors = advisorContainers(pod);
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
