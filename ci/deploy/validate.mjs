// Validates Kubernetes objects offline: every document of the YAML on stdin (what `kubectl kustomize`
// prints) against the API's schema of its apiVersion and kind (kubernetes-models: required fields,
// types, formats and enums; it lets unknown fields pass), and every pod template against the
// restricted Pod Security Standard, with a read-only root besides, whose fields it requires by name.
//
//   kubectl kustomize deploy/kubernetes/overlays/jlink | node ci/deploy/validate.mjs jlink
//
// Exits 1 with one line per problem; the argument only names the input in messages.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const source = process.argv[2] ?? "stdin";
const documents = parseAllDocuments(readFileSync(0, "utf8"));
const problems = [];
let checked = 0;

for (const document of documents) {
  if (document.errors.length > 0) {
    problems.push(`${source}: not YAML: ${document.errors[0].message}`);
    continue;
  }
  const object = document.toJS();
  if (object === null) {
    continue;
  }
  const { apiVersion, kind } = object;
  const name = `${source}: ${kind ?? "(no kind)"} ${object.metadata?.name ?? "(no name)"}`;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    problems.push(`${name}: no apiVersion or kind`);
    continue;
  }
  // "apps/v1" is kubernetes-models/apps/v1; the core group's "v1" is kubernetes-models/v1.
  let module;
  try {
    module = await import(`kubernetes-models/${apiVersion}`);
  } catch {
    problems.push(`${name}: kubernetes-models has no API ${apiVersion}`);
    continue;
  }
  const Model = module[kind];
  if (typeof Model !== "function") {
    problems.push(`${name}: the API ${apiVersion} has no kind ${kind}`);
    continue;
  }
  try {
    new Model(object).validate();
    checked++;
  } catch (error) {
    problems.push(`${name}: ${error.message}`);
  }
  const pod = object.spec?.template?.spec;
  if (pod !== undefined) {
    problems.push(...restrictedProblems(pod).map((problem) => `${name}: ${problem}`));
  }
}

if (problems.length > 0 || checked === 0) {
  for (const problem of problems) {
    console.error(problem);
  }
  if (checked === 0 && problems.length === 0) {
    console.error(`${source}: no Kubernetes object to validate`);
  }
  process.exit(1);
}
console.log(`    ${source}: ${checked} objects valid against the API schemas, pods within the restricted standard`);

// What the restricted Pod Security Standard (kubernetes.io/docs/concepts/security/pod-security-standards)
// asks of a pod, as far as this project's pods use its fields, and a read-only root file system.
function restrictedProblems(pod) {
  const found = [];
  const podContext = pod.securityContext ?? {};
  for (const field of ["hostNetwork", "hostPID", "hostIPC"]) {
    if (pod[field] === true) found.push(`${field} is true`);
  }
  const allowedVolumes = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
    "persistentVolumeClaim", "projected", "secret"];
  for (const volume of pod.volumes ?? []) {
    const type = Object.keys(volume).find((key) => key !== "name");
    if (!allowedVolumes.includes(type)) found.push(`volume ${volume.name} is a ${type}`);
  }
  const containers = [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
  for (const container of containers) {
    const context = container.securityContext ?? {};
    const where = `container ${container.name}`;
    const runAsNonRoot = context.runAsNonRoot ?? podContext.runAsNonRoot;
    if (runAsNonRoot !== true) found.push(`${where}: runAsNonRoot is not true`);
    const runAsUser = context.runAsUser ?? podContext.runAsUser;
    if (runAsUser === 0) found.push(`${where}: runAsUser is 0`);
    if (context.privileged === true) found.push(`${where}: privileged`);
    if (context.allowPrivilegeEscalation !== false) found.push(`${where}: allowPrivilegeEscalation is not false`);
    if (!(context.capabilities?.drop ?? []).includes("ALL")) found.push(`${where}: capabilities do not drop ALL`);
    const added = (context.capabilities?.add ?? []).filter((capability) => capability !== "NET_BIND_SERVICE");
    if (added.length > 0) found.push(`${where}: adds capabilities ${added.join(", ")}`);
    const seccomp = (context.seccompProfile ?? podContext.seccompProfile)?.type;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") {
      found.push(`${where}: seccompProfile is ${seccomp ?? "not set"}, not RuntimeDefault or Localhost`);
    }
    if (context.readOnlyRootFilesystem !== true) found.push(`${where}: readOnlyRootFilesystem is not true`);
    for (const port of container.ports ?? []) {
      if ((port.hostPort ?? 0) !== 0) found.push(`${where}: hostPort ${port.hostPort}`);
    }
  }
  return found;
}
