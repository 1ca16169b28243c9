#!/usr/bin/env bash
# Lints the BPMN models (bpmnlint: recommended and camunda-compat rules), checks their labels, validates the element templates, checks the docs' links.
set -euo pipefail
ci="$(cd "$(dirname "$0")" && pwd)"
if [ ! -d "$ci/node_modules/bpmnlint" ]; then
  npm ci --prefix "$ci" --no-audit --no-fund
fi
cd "$ci/../bpmn"
# bpmnlint:recommended and camunda-compat's Camunda 7.24 rules (bpmn/.bpmnlintrc), with the Camunda moddle
NODE_PATH="$ci/node_modules" "$ci/node_modules/.bin/bpmnlint" ./*.bpmn ./examples/*.bpmn
node "$ci/validate-templates.mjs"
node "$ci/check-links.mjs"
# labels that overlap each other or lie across a shape fail, and so does a flow crossing a happy path
node "$ci/check-diagram.mjs" support-follow-up.bpmn Flow_TicketResolved Flow_ToValidation Flow_RequestValid \
  Flow_ToActiveCheck Flow_NoActiveCallback Flow_ToSchedule Flow_CallbackScheduled Flow_ToCancellationCheck \
  Flow_ToAwaitCallback Flow_ToCallbackTime Flow_CallbackTimeReached Flow_ToOutcomeDecision Flow_CustomerReached
node "$ci/check-diagram.mjs" examples/book-callback.bpmn Flow_ToBook Flow_Booked Flow_ToTimer Flow_ToCheck Flow_ToOutcome \
  Flow_Reached
