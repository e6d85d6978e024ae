// Syntax check of every .bicep file under the given directories (default: infra/), with the tree-sitter Bicep
// grammar: no Bicep compiler runs on the build machine, so this is what proves the templates parse. Prints one line
// per ERROR or MISSING node as file:line:column and exits 1 when there is any (2 when nothing was checked).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
const roots = process.argv.length > 2 ? process.argv.slice(2) : [resolve(import.meta.dirname, '..')];

function bicepFiles(path) {
  if (statSync(path).isFile()) {
    return path.endsWith('.bicep') ? [path] : [];
  }
  return readdirSync(path)
    .filter((name) => name !== 'node_modules' && !name.startsWith('.'))
    .sort()
    .flatMap((name) => bicepFiles(join(path, name)));
}

function problems(node, found = []) {
  if (node.isMissing) {
    found.push({ node, what: `MISSING ${node.type}` });
  } else if (node.type === 'ERROR') {
    found.push({ node, what: 'ERROR' });
  }
  if (node.hasError || node.isMissing) {
    for (const child of node.children) {
      problems(child, found);
    }
  }
  return found;
}

await Parser.init();
const parser = new Parser();
parser.setLanguage(await Language.load(require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm')));

const files = roots.flatMap((root) => bicepFiles(resolve(root)));
if (files.length === 0) {
  console.error(`no .bicep file under ${roots.join(', ')}`);
  process.exit(2);
}
let failures = 0;
for (const file of files) {
  const source = readFileSync(file, 'utf8');
  const tree = parser.parse(source);
  for (const { node, what } of problems(tree.rootNode)) {
    const { row, column } = node.startPosition;
    const text = source.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + 60)).replace(/\s+/g, ' ');
    console.log(`${relative(process.cwd(), file)}:${row + 1}:${column + 1}: ${what} near '${text}'`);
    failures++;
  }
  tree.delete();
}
console.log(`checked ${files.length} .bicep file(s): ${failures === 0 ? 'no syntax errors' : failures + ' problem(s)'}`);
process.exit(failures === 0 ? 0 : 1);
