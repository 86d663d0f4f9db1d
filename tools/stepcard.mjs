// The NOC frontend's step-card classifier (FORMAT.md §8), its regular
// expressions verbatim, run by node itself: the reference for JavaScript
// semantics (\s, ., /i) in tools/differential.py and the Swift tests.
// Reads a JSON array of responses on stdin, writes [[kind, code], ...].
import { readFileSync } from "node:fs";

function parseErrorMessage(response) {
  if (typeof response !== "string" || response === "") return ["other", ""];
  const cleaned = response.replace(/^FAILED:\s*/i, '');
  const code = (cleaned.match(/\[([^\]]+)\]/) || [, ''])[1];
  if (/504|gateway\s*timeout/i.test(cleaned)) return ["gateway_timeout", code];
  if (/502|bad\s*gateway/i.test(cleaned)) return ["bad_gateway", code];
  if (/404|not\s*found|endpoint.*not\s*exist/i.test(cleaned)) return ["not_found", code];
  if (/401|403|unauthorized|forbidden/i.test(cleaned)) return ["auth", code];
  if (/rate\s*limit|429|throttl/i.test(cleaned)) return ["rate_limited", code];
  return ["other", code];
}

const responses = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(responses.map(parseErrorMessage)));
