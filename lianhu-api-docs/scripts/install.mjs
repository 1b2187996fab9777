// npm ci of the pinned tools (package-lock.json), unless node_modules already holds exactly that lock file.
// --ignore-scripts: no package here needs an install script (the only one, @scarf/scarf, is an analytics ping);
// --prefer-offline: packages come from ~/.npm when cached, so the build works without the registry.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const stamp = "node_modules/.lianhu-package-lock.json";
const lock = readFileSync("package-lock.json", "utf8");
if (existsSync(stamp) && readFileSync(stamp, "utf8") === lock) {
  console.log("node_modules matches package-lock.json: npm ci skipped");
  process.exit(0);
}
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const r = spawnSync(npm, ["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline"], {
  stdio: "inherit",
  shell: process.platform === "win32",
});
if (r.status !== 0) {
  console.error(`npm ci failed (exit ${r.status ?? r.error})`);
  process.exit(1);
}
writeFileSync(stamp, lock);
