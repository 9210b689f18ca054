// Drives the real yaml-language-server (from npm) over its protocol, as an editor does, on
// plans that use ourplan's schema. Prints one JSON object:
//   {"completion": [{label, insertText, insertTextFormat}], "diagnostics": {name: [messages]}}
// for completion at the start of an empty line in a plan that has only `ourplan: 1`, and the
// problems the server reports for each plan given: NAME=FILE (the text of FILE, opened as if
// it were at plans/NAME in the project, so the plan's own `$schema` line is used).
//   node tests/browser/yaml-ls.mjs PROJECT_ROOT [NAME=FILE ...]
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [root, ...plans] = process.argv.slice(2);
if (!root) {
  console.error("usage: node yaml-ls.mjs PROJECT_ROOT [NAME=FILE ...]");
  process.exit(2);
}
const require = createRequire(import.meta.url);
const server = spawn(
  process.execPath,
  [require.resolve("yaml-language-server/bin/yaml-language-server"), "--stdio"],
  { stdio: ["pipe", "pipe", "inherit"] },
);
const timer = setTimeout(() => {
  console.error("yaml-ls.mjs: no answer in 60 s");
  server.kill();
  process.exit(1);
}, 60000);

let buffer = Buffer.alloc(0);
let nextId = 1;
const waiting = new Map();
const diagnostics = new Map();
const diagnosed = new Map();
const settings = { yaml: { validate: true, completion: true, hover: true, format: { enable: false } } };

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((ok) => waiting.set(id, ok));
}
function notify(method, params) {
  send({ method, params });
}
function handle(m) {
  if (m.id !== undefined && m.method) {
    // A request from the server: settings, or registering a capability.
    const result =
      m.method === "workspace/configuration" ? m.params.items.map((i) => (i.section ? settings[i.section] ?? null : settings)) : null;
    send({ id: m.id, result });
  } else if (m.id !== undefined) {
    waiting.get(m.id)?.(m.result);
    waiting.delete(m.id);
  } else if (m.method === "textDocument/publishDiagnostics") {
    diagnostics.set(m.params.uri, m.params.diagnostics);
    diagnosed.get(m.params.uri)?.();
  }
}
server.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf("\r\n\r\n");
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
    if (buffer.length < end + 4 + length) return;
    handle(JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString("utf8")));
    buffer = buffer.subarray(end + 4 + length);
  }
});

const uriOf = (name) => pathToFileURL(join(resolve(root), "plans", name)).href;
function open(name, text) {
  const uri = uriOf(name);
  const done = new Promise((ok) => diagnosed.set(uri, ok));
  notify("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text } });
  return done;
}

await request("initialize", {
  processId: process.pid,
  rootUri: pathToFileURL(resolve(root)).href,
  capabilities: {
    workspace: { configuration: true },
    textDocument: {
      completion: { completionItem: { snippetSupport: true } },
      publishDiagnostics: {},
    },
  },
});
notify("initialized", {});
notify("workspace/didChangeConfiguration", { settings });

const head = "# yaml-language-server: $schema=../schema/ourplan.schema.json\n";
await open("_completion.yaml", `${head}ourplan: 1\n\n`);
const list = await request("textDocument/completion", {
  textDocument: { uri: uriOf("_completion.yaml") },
  position: { line: 2, character: 0 },
});
const items = (Array.isArray(list) ? list : list?.items ?? []).map((i) => ({
  label: i.label,
  insertText: i.insertText ?? i.textEdit?.newText ?? i.label,
  insertTextFormat: i.insertTextFormat ?? 1,
}));
const found = {};
for (const arg of plans) {
  const [name, file] = arg.split(/=(.*)/s);
  await open(name, readFileSync(file, "utf8"));
  found[name] = diagnostics.get(uriOf(name)).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
}
console.log(JSON.stringify({ completion: items, diagnostics: found }, null, 1));
clearTimeout(timer);
await request("shutdown", null);
notify("exit", null);
server.kill();
