// Reads a model's diagram interchange and fails when it is hard to read: a label overlapping another label, a label
// lying across a shape (other than its own), or a flow crossing the happy path. Prints the counts the issue tracks:
// flow nodes, boundary events, crossings between flows. Usage: node check-diagram.mjs model.bpmn [happy-flow-id ...]
import { readFileSync } from 'node:fs';

const [file, ...happy] = process.argv.slice(2);
const xml = readFileSync(file, 'utf8');
const num = (s, name) => Number(new RegExp(`${name}="(-?[\\d.]+)"`).exec(s)[1]);
const box = (s) => ({ x: num(s, 'x'), y: num(s, 'y'), w: num(s, 'width'), h: num(s, 'height') });

const shapes = [];
for (const [, element, body] of xml.matchAll(/<bpmndi:BPMNShape[^>]*bpmnElement="([^"]+)"[^>]*>([\s\S]*?)<\/bpmndi:BPMNShape>/g)) {
  const bounds = /<dc:Bounds[^>]*\/>/.exec(body)[0];
  const label = /<bpmndi:BPMNLabel>\s*<dc:Bounds[^>]*\/>/.exec(body);
  shapes.push({ element, bounds: box(bounds), label: label ? box(label[0]) : null });
}
const edges = [];
for (const [, element, body] of xml.matchAll(/<bpmndi:BPMNEdge[^>]*bpmnElement="([^"]+)"[^>]*>([\s\S]*?)<\/bpmndi:BPMNEdge>/g)) {
  const points = [...body.matchAll(/<di:waypoint x="(-?[\d.]+)" y="(-?[\d.]+)"\s*\/>/g)].map((m) => [Number(m[1]), Number(m[2])]);
  const label = /<bpmndi:BPMNLabel>\s*<dc:Bounds[^>]*\/>/.exec(body);
  edges.push({ element, points, label: label ? box(label[0]) : null });
}
const names = new Map([...xml.matchAll(/<bpmn:\w+ id="([^"]+)"(?: name="([^"]*)")?/g)].map((m) => [m[1], m[2]]));

const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const labels = [...shapes, ...edges].filter((e) => e.label && names.get(e.element)).map((e) => ({ element: e.element, box: e.label }));
const problems = [];
for (let i = 0; i < labels.length; i++) {
  for (let j = i + 1; j < labels.length; j++) {
    if (overlap(labels[i].box, labels[j].box)) {
      problems.push(`label "${names.get(labels[i].element)}" overlaps label "${names.get(labels[j].element)}"`);
    }
  }
  for (const shape of shapes) {
    if (shape.element !== labels[i].element && overlap(labels[i].box, shape.bounds)) {
      problems.push(`label "${names.get(labels[i].element)}" lies across ${shape.element}`);
    }
  }
}

const cross = ([a, b], [c, d]) => {
  const det = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0]);
  if (det === 0) return false;
  const t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / det;
  const u = ((c[0] - a[0]) * (b[1] - a[1]) - (c[1] - a[1]) * (b[0] - a[0])) / det;
  return t > 0.001 && t < 0.999 && u > 0.001 && u < 0.999;
};
const segments = (edge) => edge.points.slice(1).map((p, i) => [edge.points[i], p]);
let crossings = 0;
for (let i = 0; i < edges.length; i++) {
  for (let j = i + 1; j < edges.length; j++) {
    const n = segments(edges[i]).flatMap((s) => segments(edges[j]).filter((t) => cross(s, t))).length;
    crossings += n;
    if (n && (happy.includes(edges[i].element) || happy.includes(edges[j].element))) {
      problems.push(`${edges[i].element} crosses ${edges[j].element}, on the happy path`);
    }
  }
}
const nodes = [...xml.matchAll(/<bpmn:(\w+) id=/g)].map((m) => m[1])
  .filter((t) => /Task|Event|Gateway|subProcess/i.test(t) && !/Definition$/.test(t));
console.log(`${file}: ${nodes.filter((t) => t !== 'boundaryEvent').length} flow nodes, `
  + `${nodes.filter((t) => t === 'boundaryEvent').length} boundary events, ${crossings} crossings between flows, `
  + `${problems.length} problems`);
problems.forEach((p) => console.error(`  ${p}`));
process.exit(problems.length ? 1 : 0);
