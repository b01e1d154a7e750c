// Copies the built files of our npm dependencies into zhiliang/static/vendor/ (git-ignored), where Django's
// staticfiles (and WhiteNoise in production) serve them. Nothing from node_modules is committed.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "zhiliang", "static", "vendor");

const files = {
  "htmx.org/dist/htmx.min.js": "htmx.min.js",
  "echarts/dist/echarts.min.js": "echarts.min.js",
  "bootstrap/dist/css/bootstrap.min.css": "bootstrap.min.css",
  "bootstrap/dist/js/bootstrap.bundle.min.js": "bootstrap.bundle.min.js",
};

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const [source, name] of Object.entries(files)) {
  copyFileSync(join(root, "node_modules", source), join(target, name));
}
console.log(`vendor-static: ${Object.keys(files).length} files -> ${target}`);
