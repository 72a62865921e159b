// Parse GIFT with gift-pegjs (the checker this project did not write) and print the result as JSON.
//   node gift_parse.js NODE_MODULES FILE...   one JSON array (one entry per file) on stdout
//   node gift_parse.js NODE_MODULES -         one GIFT text per input line (a JSON string), one result per output line
// A text that does not parse gives {"error": message, "line": L, "column": C} in its place.
const fs = require("fs");
const path = require("path");
const readline = require("readline");
const { parse } = require(path.join(process.argv[2], "gift-pegjs"));

function parsed(text) {
  try {
    return parse(text);
  } catch (error) {
    const start = (error.location && error.location.start) || {};
    return { error: String(error.message), line: start.line || 0, column: start.column || 0 };
  }
}

if (process.argv[3] === "-") {
  const lines = readline.createInterface({ input: process.stdin });
  lines.on("line", (line) => process.stdout.write(JSON.stringify(parsed(JSON.parse(line))) + "\n"));
} else {
  const out = process.argv.slice(3).map((file) => parsed(fs.readFileSync(file, "utf8")));
  process.stdout.write(JSON.stringify(out));
}
