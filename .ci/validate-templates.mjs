// Validates every Camunda Modeler element template in bpmn/.camunda/element-templates against the
// Camunda 7 element templates JSON schema, and checks each one is used by the shipped BPMN.
import { validate } from '@bpmn-io/element-templates-validator';
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const folder = join(root, 'bpmn', '.camunda', 'element-templates');
const models = ['bpmn', join('bpmn', 'examples')].flatMap((dir) => readdirSync(join(root, dir))
  .filter((f) => f.endsWith('.bpmn')).map((f) => ({ name: join(dir, f), xml: readFileSync(join(root, dir, f), 'utf8') })));
const diagrams = models.map((m) => m.xml).join('\n');
const versions = new Map();
const semver = createRequire(import.meta.url)('semver');
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
  // the Modeler's own checks: one template per id and version, elementType within appliesTo
  const key = `${template.id}@${template.version}`;
  if (versions.has(key)) {
    console.error(`${file}: ${key} is also defined in ${versions.get(key)}`);
    failed = true;
  }
  versions.set(key, file);
  if (template.elementType && !(template.appliesTo || []).includes(template.elementType.value)) {
    console.error(`${file}: elementType ${template.elementType.value} is not within appliesTo`);
    failed = true;
  }
  for (const [engine, range] of Object.entries(template.engines || {})) {
    if (semver.validRange(range) === null) {
      console.error(`${file}: engines.${engine} '${range}' is not a valid version range`);
      failed = true;
    }
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
// every use in a model names a template and version that exist
for (const model of models) {
  for (const use of model.xml.matchAll(/camunda:modelerTemplate="([^"]+)"(?:\s+camunda:modelerTemplateVersion="(\d+)")?/g)) {
    const [, id, version] = use;
    if (!versions.has(`${id}@${version}`)) {
      console.error(`${model.name}: uses ${id} version ${version}, but the templates define ${[...versions.keys()]
        .filter((k) => k.startsWith(`${id}@`)).join(', ') || 'no such template'}`);
      failed = true;
    }
  }
}
process.exit(failed ? 1 : 0);
