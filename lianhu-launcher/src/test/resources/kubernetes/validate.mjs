// Validates Kubernetes objects against the Kubernetes OpenAPI schemas of the npm package kubernetes-models
// (JSON Schema, checked with ajv). Used by KubernetesSchemaTest (issue 9 point 4).
//   node validate.mjs <file.json>...     each file a JSON array of objects
// Prints "OK <file> <kind>/<name>" or "INVALID <file> <kind>/<name>: <errors>"; exit 1 if any is invalid.
import { readFileSync } from "node:fs";

let invalid = 0;
for (const file of process.argv.slice(2)) {
  for (const object of JSON.parse(readFileSync(file, "utf8"))) {
    const what = `${file} ${object.kind}/${object.metadata?.name}`;
    let model;
    try {
      model = (await import(`kubernetes-models/${object.apiVersion}`))[object.kind];
    } catch (e) {
      model = undefined;
    }
    if (!model) {
      console.log(`INVALID ${what}: no schema for ${object.apiVersion} ${object.kind}`);
      invalid++;
      continue;
    }
    try {
      new model(object).validate();
      console.log(`OK ${what}`);
    } catch (e) {
      console.log(`INVALID ${what}: ${e.message}`);
      invalid++;
    }
  }
}
process.exit(invalid === 0 ? 0 : 1);
