#!/usr/bin/env bash
# Lints the BPMN models (bpmnlint, recommended rules), validates the element templates, checks the docs' links.
set -euo pipefail
ci="$(cd "$(dirname "$0")" && pwd)"
if [ ! -d "$ci/node_modules/bpmnlint" ]; then
  npm ci --prefix "$ci" --no-audit --no-fund
fi
cd "$ci/../bpmn"
"$ci/node_modules/.bin/bpmnlint" ./*.bpmn ./examples/*.bpmn
node "$ci/validate-templates.mjs"
node "$ci/check-links.mjs"
