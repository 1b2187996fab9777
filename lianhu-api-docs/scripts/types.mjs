// TypeScript types from each service's OpenAPI document (openapi-typescript -> target/ts/<service>.d.ts), then
// tsc --noEmit over src/usage.ts, which uses them as a front-end team would: a removed or renamed schema,
// property or operation breaks the build (issue 9 point 2).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";

function run(args) {
  const r = spawnSync(process.execPath, args, { stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`failed (exit ${r.status ?? r.error}): node ${args.join(" ")}`);
    process.exit(1);
  }
}

mkdirSync("target/ts", { recursive: true });
for (const service of process.argv.slice(2)) {
  const doc = `../${service}/target/openapi/openapi.json`;
  if (!existsSync(doc)) {
    console.error(`${doc} is missing: package ${service} first`);
    process.exit(1);
  }
  run(["node_modules/openapi-typescript/bin/cli.js", doc, "--output", `target/ts/${service}.d.ts`]);
}
run(["node_modules/typescript/bin/tsc", "--project", "tsconfig.json"]);
console.log("tsc --noEmit: src/usage.ts compiles against target/ts/*.d.ts");
