// Spectral lint of each service's OpenAPI document (../<service>/target/openapi/openapi.json) with .spectral.yaml
// (spectral:oas). Prints one line per document with its counts; fails when any document has an error or a warning
// (issue 9 point 1: errors 0, warnings fixed or switched off in .spectral.yaml with the reason).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";

const services = process.argv.slice(2);
const severities = ["errors", "warnings", "infos", "hints"];
mkdirSync("target/spectral", { recursive: true });
const lines = [];
let failed = false;
for (const service of services) {
  const doc = `../${service}/target/openapi/openapi.json`;
  if (!existsSync(doc)) {
    console.error(`${doc} is missing: package ${service} first (mvn -pl ${service},lianhu-api-docs -am verify)`);
    process.exit(1);
  }
  const report = `target/spectral/${service}.json`;
  const r = spawnSync(process.execPath, ["node_modules/@stoplight/spectral-cli/dist/index.js", "lint", doc,
    "--ruleset", ".spectral.yaml", "--fail-severity", "warn",
    "--format", "stylish", "--format", "json", "--output.json", report], { stdio: "inherit" });
  const counts = [0, 0, 0, 0];
  if (existsSync(report)) {
    for (const result of JSON.parse(readFileSync(report, "utf8"))) {
      counts[result.severity]++;
    }
  } else {
    failed = true;
  }
  if (r.status !== 0) {
    failed = true;
  }
  lines.push(`${service}: ${counts.map((n, i) => `${n} ${severities[i]}`).join(", ")}`
    + (r.status === 0 ? "" : `  (spectral exit ${r.status})`));
}
console.log("\nSpectral (spectral:oas, fail on warnings):");
lines.forEach((l) => console.log("  " + l));
process.exit(failed ? 1 : 0);
