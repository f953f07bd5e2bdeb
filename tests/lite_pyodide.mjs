// xlwings Lite, played under Node: a real Pyodide runs the Lite script (main.py) on workbooks given as JSON.
//
//   node tests/lite_pyodide.mjs JOBS.json OUT.json
//
// JOBS.json: {"pyodide": dir of the npm package, "xlwings": the xlwings package dir, "lite": dir holding
// main.py (the one `renja-xl lite` writes carries renja_xl itself), optionally "wheel": an unpacked renja_xl
// wheel put on sys.path as an installed package, "jobs": [{"kind": "script", "name": "periksa", "book": {...},
// "formats": {sheet: [[...]]}, "fills": {sheet: [[...]]}} | {"kind": "function", "name": ..., "args": [...]}]}
//
// The Excel side is this file: globalThis.xlwings answers the client reads xlwings' remote engine sends
// from Pyodide (js.xlwings.getBookData, getRangeData, runActions) as xlwings documents them:
// Range.get_number_format() one format string for the range, or null when its cells do not share one;
// Range.get_colors() at most 100,000 cells a call. A script is called the way xlwings Lite calls it:
// xlwings.server.custom_scripts_call(main, name, typehint_to_value={xw.Book: book}), the book built from
// getBookData; a worksheet function through xlwings.server.custom_functions_call(data, main).
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const [jobsPath, outPath] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(jobsPath, "utf8"));
const require = createRequire(path.join(spec.pyodide, "package.json"));
const { loadPyodide } = require(path.join(spec.pyodide, "pyodide.js"));

const COLOUR_LIMIT = 100000;

function columnIndex(letters) {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function bounds(address) {
  const a = address.replace(/\$/g, "").split("!").pop();
  const [first, last] = a.includes(":") ? a.split(":") : [a, a];
  const cell = (t) => { const m = /^([A-Z]+)(\d+)$/i.exec(t); return [Number(m[2]), columnIndex(m[1])]; };
  const [r1, c1] = cell(first), [r2, c2] = cell(last);
  return [Math.min(r1, r2), Math.min(c1, c2), Math.max(r1, r2), Math.max(c1, c2)];
}

let job = null;
const calls = { getBookData: 0, getRangeData: 0, runActions: 0 };
let ran = [];

globalThis.xlwings = {
  async getBookData(options) {
    calls.getBookData += 1;
    return structuredClone(job.book);
  },
  async getRangeData(sheetName, address, keys) {
    calls.getRangeData += 1;
    const [r1, c1, r2, c2] = bounds(String(address));
    const grid = (table, fallback) => {
      const rows = [];
      for (let r = r1; r <= r2; r++) {
        const row = [];
        for (let c = c1; c <= c2; c++) row.push(((table[sheetName] || [])[r - 1] || [])[c - 1] ?? fallback);
        rows.push(row);
      }
      return rows;
    };
    const out = {};
    for (const key of keys.toJs ? keys.toJs() : keys) {
      if (key === "number_format") {
        const formats = new Set(grid(job.formats, "General").flat());
        out[key] = formats.size === 1 ? [...formats][0] : null;
      } else if (key === "formulas") {   // Office.js Range.formulas: a formula's text, else the value ("" if empty)
        out[key] = grid(job.formulas || {}, "");
      } else if (key === "colors") {
        const cells = (r2 - r1 + 1) * (c2 - c1 + 1);
        if (cells > COLOUR_LIMIT) throw new Error(`colors: ${cells} cells, at most ${COLOUR_LIMIT} a call`);
        out[key] = grid(job.fills, null);
      } else {
        throw new Error(`the test client does not answer ${key}`);
      }
    }
    return out;
  },
  async runActions(actions) {
    calls.runActions += 1;
    const plain = actions.toJs ? actions.toJs({ dict_converter: Object.fromEntries }) : actions;
    ran.push(...plain.actions);
  },
};

const pyodide = await loadPyodide();
const mounts = [["/renja/pkgs/xlwings", spec.xlwings], ["/renja/lite", spec.lite]];
if (spec.wheel) mounts.push(["/renja/wheel", spec.wheel]);
for (const [mount, dir] of mounts) {
  pyodide.FS.mkdirTree(mount);
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: dir }, mount);
}
await pyodide.runPythonAsync(`
import os, sys
sys.dont_write_bytecode = True          # nothing written into the mounted folders
os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"
os.environ["XLWINGS_ON_SERVER"] = "true"  # xlwings' func/script decorators of Lite and Server
sys.path[:0] = ["/renja/lite", "/renja/wheel", "/renja/pkgs"]
import json
import xlwings as xw
from xlwings.server import custom_functions_call, custom_scripts_call
import js
from pyodide.ffi import to_js
import main

async def run_script(name):
    data = (await js.xlwings.getBookData(to_js({"lazy": False}, dict_converter=js.Object.fromEntries))).to_py()
    book = xw.Book(json=data)
    await custom_scripts_call(main, name, typehint_to_value={xw.Book: book})
    return json.dumps(book.json()["actions"])

async def run_function(name, args):
    data = {"func_name": name, "args": [[[a]] for a in json.loads(args)], "client": "Office.js",
            "version": xw.__version__, "caller_address": "Sheet1!A1", "culture_info_name": "id-ID",
            "date_format": "dd/mm/yyyy", "runtime": "1.4"}
    return json.dumps((await custom_functions_call(data, main))[0][0])
`);
const results = [];
const started = Date.now();
for (job of spec.jobs) {
  ran = [];
  for (const k of Object.keys(calls)) calls[k] = 0;
  const t0 = Date.now();
  if (job.kind === "script") {
    const left = JSON.parse(await pyodide.globals.get("run_script")(job.name));
    results.push({ actions: [...ran, ...left], calls: { ...calls }, ms: Date.now() - t0 });
  } else {
    const value = JSON.parse(await pyodide.globals.get("run_function")(job.name, JSON.stringify(job.args)));
    results.push({ value, ms: Date.now() - t0 });
  }
}
const version = pyodide.runPython("import sys; sys.version.split()[0] + ' ' + sys.platform");
const renja = pyodide.runPython("import renja_xl; renja_xl.__file__");
writeFileSync(outPath, JSON.stringify({ results, python: version, pyodide: pyodide.version, renja_xl: renja,
                                        ms: Date.now() - started }));
