// Validates Kubernetes objects offline: every document of the YAML on stdin (what `kubectl kustomize`
// prints) against the API's schema of its apiVersion and kind (kubernetes-models: required fields,
// types, formats and enums), against the API's field names (the models of the official client,
// @kubernetes/client-node: a field the API does not know, a misspelt one, fails, as kubectl apply's
// strict validation would fail it), and every pod template against the restricted Pod Security
// Standard, with a read-only root besides.
//
//   kubectl kustomize images/jlink/kubernetes | node ci/deploy/validate.mjs images/jlink/kubernetes
//
// Exits 1 with one line per problem; the argument only names the input in messages.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

// The client's model of each API type, by name, once loaded.
const models = new Map();
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
  const prefix = apiVersion.split("/").pop();
  await unknownFields(object, `V${prefix.slice(1)}${kind}`, kind, problems, name);
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
console.log(`    ${source}: ${checked} objects valid against the API's schemas and field names, pods within the restricted standard`);

// Every field of VALUE must be one the API's TYPE has, all the way down; the official client's
// generated models list each type's fields (getAttributeTypeMap) with the JSON name and type of each.
async function unknownFields(value, type, path, found, name) {
  if (value === null || typeof value !== "object") {
    return;
  }
  const list = /^Array<(.+)>$/.exec(type);
  if (list) {
    for (const [index, item] of (Array.isArray(value) ? value : []).entries()) {
      await unknownFields(item, list[1], `${path}[${index}]`, found, name);
    }
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    for (const [key, item] of Object.entries(value)) {
      await unknownFields(item, map[1], `${path}.${key}`, found, name);
    }
    return;
  }
  const model = await modelOf(type);
  if (model === undefined) {
    return; // a value the API types loosely: any, IntOrString, a quantity
  }
  const fields = new Map(model.getAttributeTypeMap().map((field) => [field.baseName, field.type]));
  for (const [key, item] of Object.entries(value)) {
    if (fields.has(key)) {
      await unknownFields(item, fields.get(key), `${path}.${key}`, found, name);
    } else {
      found.push(`${name}: ${path}.${key} is not a field of the API's ${type}`);
    }
  }
}

async function modelOf(type) {
  if (!/^[A-Z][A-Za-z0-9]+$/.test(type)) {
    return undefined;
  }
  if (!models.has(type)) {
    let model;
    try {
      model = (await import(`@kubernetes/client-node/dist/gen/models/${type}.js`))[type];
    } catch {
      model = undefined;
    }
    models.set(type, typeof model?.getAttributeTypeMap === "function" ? model : undefined);
  }
  return models.get(type);
}

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
