// After `vite build`: a gzip copy beside each text file of dist/, which the API sends to
// browsers that accept it (api/web.py). Node's own zlib, at its best level: done once per
// build, not per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, constants } from "node:zlib";

const TEXT = /\.(html|js|css|svg|json|txt|webmanifest)$/;
let before = 0;
let after = 0;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      walk(path);
    } else if (TEXT.test(name)) {
      const content = readFileSync(path);
      const packed = gzipSync(content, { level: constants.Z_BEST_COMPRESSION });
      writeFileSync(`${path}.gz`, packed);
      before += content.length;
      after += packed.length;
    }
  }
}

walk("dist");
console.log(`compressed dist/: ${Math.round(before / 1024)} KB -> ${Math.round(after / 1024)} KB gzip`);
