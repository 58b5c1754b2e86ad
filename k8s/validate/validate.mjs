// Validates the manifests against the Kubernetes API and Prometheus Operator schemas
// (kubernetes-models): every file of k8s/base, then each overlay as kustomize renders it
// (namespace, images and JSON 6902 patches applied to the base). Run: npm ci && npm run check
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import jsonpatch from "fast-json-patch";

const k8s = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = {
  v1: "kubernetes-models/v1",
  "apps/v1": "kubernetes-models/apps/v1",
  "autoscaling/v2": "kubernetes-models/autoscaling/v2",
  "policy/v1": "kubernetes-models/policy/v1",
  "networking.k8s.io/v1": "kubernetes-models/networking.k8s.io/v1",
  "monitoring.coreos.com/v1": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1",
};

function read(file) {
  return parseAllDocuments(readFileSync(file, "utf8")).map((doc) => {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
    return doc.toJS();
  });
}

function kustomization(dir) {
  return read(join(dir, "kustomization.yaml"))[0];
}

function render(dir) {
  const k = kustomization(dir);
  let resources = [];
  for (const entry of k.resources ?? []) {
    const path = join(dir, entry);
    resources = resources.concat(entry.endsWith(".yaml") ? read(path) : render(path));
  }
  for (const resource of resources) {
    if (k.namespace) resource.metadata.namespace = k.namespace;
    for (const { pairs } of k.labels ?? []) {
      resource.metadata.labels = { ...resource.metadata.labels, ...pairs };
    }
    for (const image of k.images ?? []) {
      for (const container of resource.spec?.template?.spec?.containers ?? []) {
        const [name] = container.image.split(":");
        if (name === image.name) container.image = `${image.newName ?? name}:${image.newTag}`;
      }
    }
  }
  for (const { target, patch } of k.patches ?? []) {
    const matches = resources.filter((r) => r.kind === target.kind && r.metadata.name === target.name);
    if (matches.length !== 1) throw new Error(`${dir}: patch target ${target.kind}/${target.name} matches ${matches.length}`);
    jsonpatch.applyPatch(matches[0], parseAllDocuments(patch)[0].toJS(), true);
  }
  return resources;
}

async function validate(label, resource) {
  const path = modules[resource.apiVersion];
  if (!path) throw new Error(`${label}: no schema for ${resource.apiVersion}`);
  const model = (await import(path))[resource.kind];
  if (!model) throw new Error(`${label}: no schema for ${resource.apiVersion} ${resource.kind}`);
  new model(resource).validate();
}

let checked = 0;
let failed = 0;
const targets = [["base", join(k8s, "base")]].concat(
  readdirSync(join(k8s, "overlays")).map((name) => [`overlays/${name}`, join(k8s, "overlays", name)]));
for (const [label, dir] of targets) {
  for (const resource of render(dir)) {
    const name = `${label}: ${resource.kind}/${resource.metadata?.name}`;
    try {
      await validate(name, resource);
      checked++;
    } catch (e) {
      failed++;
      console.error(`INVALID ${name}\n  ${(e.errors ?? [e]).map((x) => x.instancePath ? `${x.instancePath} ${x.message}` : x.message).join("\n  ")}`);
    }
  }
}
console.log(`manifests: ${checked} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
