// Copies the browser libraries the pages use from node_modules (installed by `npm ci` from package-lock.json) into
// web/static/vendor, with their licences: the platform serves every asset itself, no CDN.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const vendor = join(root, "web", "static", "vendor");
const files = {
  "chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
  "chart.LICENSE.md": "chart.js/LICENSE.md",
  "simplewebauthn-browser.umd.min.js": "@simplewebauthn/browser/dist/bundle/index.umd.min.js",
  "simplewebauthn-browser.LICENSE.md": "@simplewebauthn/browser/LICENSE.md",
};
mkdirSync(vendor, { recursive: true });
for (const [target, source] of Object.entries(files)) {
  copyFileSync(join(root, "node_modules", source), join(vendor, target));
}
