// Validates a Teams app manifest with Microsoft's @microsoft/app-manifest: the JSON schema named by the
// manifest's $schema, which the package ships, so no network is needed. Usage: node validate.js manifest.json
// Prints one line per failure and exits 1 when there is any; 0 and "valid" otherwise.
"use strict";
const fs = require("node:fs");
const { AppManifestUtils } = require("@microsoft/app-manifest");

async function main(path) {
  if (!path) {
    console.error("usage: node validate.js manifest.json");
    return 2;
  }
  // The schema check on the parsed JSON, not through the typed reader, which stops at the first wrong type.
  const manifest = JSON.parse(fs.readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  const failures = await AppManifestUtils.validateAgainstSchema(manifest);
  if (failures.length > 0) {
    for (const failure of failures) console.log(failure);
    return 1;
  }
  console.log(`valid: Teams manifest ${manifest.manifestVersion}, app ${manifest.id}`);
  return 0;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  });
