// Validates every Camunda Modeler element template in bpmn/.camunda/element-templates against the
// Camunda 7 element templates JSON schema, and checks each one is used by the shipped BPMN.
import { validate } from '@bpmn-io/element-templates-validator';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const folder = join(root, 'bpmn', '.camunda', 'element-templates');
const diagrams = readdirSync(join(root, 'bpmn')).filter((f) => f.endsWith('.bpmn'))
  .map((f) => readFileSync(join(root, 'bpmn', f), 'utf8')).join('\n');
let failed = false;
for (const file of readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
  let template;
  try {
    template = JSON.parse(readFileSync(join(folder, file), 'utf8'));
  } catch (e) {
    console.error(`${file}: not valid JSON: ${e.message}`);
    failed = true;
    continue;
  }
  const { errors } = validate(template);
  if (errors && errors.length) {
    failed = true;
    for (const error of errors) {
      console.error(`${file}: ${error.dataPath || error.instancePath || ''} ${error.message}`);
    }
  } else if (!diagrams.includes(`camunda:modelerTemplate="${template.id}"`)) {
    console.error(`${file}: template ${template.id} is not used by any diagram in bpmn/`);
    failed = true;
  } else {
    console.log(`${file}: valid (${template.id} v${template.version})`);
  }
}
process.exit(failed ? 1 : 0);
