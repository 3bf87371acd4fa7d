#!/usr/bin/env bash
# matchers_test.sh - the problem matchers shipped in editors/ against what
# ndislint really prints, and the GitHub workflow commands it writes.
#
#   usage: matchers_test.sh NDISLINT_BINARY REPO_ROOT
#
# For a few fixtures with findings (some with notes), ndislint is run from
# REPO_ROOT with --format=text, msvc, sarif and github. The regexes of
# editors/github/ndislint-matcher.json and editors/vscode/tasks.json are
# then applied to every output line with node, since the Actions runner and
# VS Code read them as JavaScript-style regexes (they use only constructs
# .NET and JavaScript read alike). For every finding the captured file,
# line, column, severity, code and message are compared with the SARIF log
# of the same run and with the `expect:` marks in the fixture; note lines
# and tool messages must not match; a text line must never match an msvc
# pattern nor the other way round (both matchers are active at once in a
# job). The --format=github lines are unescaped the way the runner does and
# compared with the same data, notes included.
#
# The last line is "N passed, M failed"; the exit status is 0 only when
# nothing failed.
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 NDISLINT_BINARY REPO_ROOT" >&2
    exit 2
fi
ndislint=$1
root=$2

if ! command -v node >/dev/null 2>&1; then
    echo "node is needed to run the matcher regexes" >&2
    echo "0 passed, 1 failed"
    exit 1
fi

work=$(mktemp -d /tmp/ndislint-matchers-XXXXXX)
trap 'rm -rf "$work"' EXIT

fixtures=(
    tests/fixtures/ndis002/handler_set_to_null.c
    tests/fixtures/ndis003/return_false.c
    tests/fixtures/ndis003/two_false_returns.c
    tests/fixtures/ndis001/register_two_levels_deep.c
)

cd "$root" || exit 2
i=0
for fixture in "${fixtures[@]}"; do
    for format in text msvc sarif github; do
        NO_COLOR=1 "$ndislint" --format=$format "$fixture" \
            >"$work/$i.$format" 2>"$work/$i.$format.err"
        echo $? >"$work/$i.$format.status"
    done
    echo "$fixture" >"$work/$i.name"
    i=$((i + 1))
done

cat >"$work/check.js" <<'EOF'
'use strict';
const fs = require('fs');
const path = require('path');

const [root, work, countText] = process.argv.slice(2);
const count = Number(countText);
let passed = 0;
let failed = 0;

function check(ok, what, detail) {
    if (ok) {
        passed++;
    } else {
        failed++;
        console.log('FAIL ' + what + (detail ? '\n  ' + detail : ''));
    }
    return ok;
}

function same(got, want, what) {
    return check(got === want, what,
        'want ' + JSON.stringify(want) + ', got ' + JSON.stringify(got));
}

function read(name) {
    return fs.readFileSync(path.join(work, name), 'utf8');
}

function lines(text) {
    const all = text.split('\n');
    if (all.length > 0 && all[all.length - 1] === '')
        all.pop();
    return all;
}

/* ---- the patterns under test -------------------------------------------- */

function compile(pattern, where) {
    const groups = {};
    for (const key of ['file', 'line', 'column', 'severity', 'code', 'message'])
        groups[key] = pattern[key];
    return { where, re: new RegExp(pattern.regexp), groups };
}

const matcherFile = path.join(root, 'editors/github/ndislint-matcher.json');
const tasksFile = path.join(root, 'editors/vscode/tasks.json');
const matcher = JSON.parse(fs.readFileSync(matcherFile, 'utf8'));
const tasks = JSON.parse(fs.readFileSync(tasksFile, 'utf8'));

const byOwner = {};
for (const m of matcher.problemMatcher) {
    check(Array.isArray(m.pattern) && m.pattern.length === 1,
        'matcher ' + m.owner + ' has one single-line pattern');
    byOwner[m.owner] = compile(m.pattern[0], 'matcher ' + m.owner);
}
check(byOwner['ndislint-gcc'] !== undefined, 'owner ndislint-gcc present');
check(byOwner['ndislint-msvc'] !== undefined, 'owner ndislint-msvc present');

const vscode = { text: null, msvc: null };
for (const t of tasks.tasks) {
    const format = /--format=(\w+)/.exec(t.command || '');
    if (format === null || !(format[1] in vscode))
        continue;
    const pm = t.problemMatcher;
    check(pm && typeof pm.pattern === 'object' && !Array.isArray(pm.pattern),
        'task "' + t.label + '" has an inline single-line pattern');
    check(Array.isArray(pm.fileLocation) && pm.fileLocation[0] === 'autoDetect',
        'task "' + t.label + '" resolves relative and absolute paths');
    vscode[format[1]] = compile(pm.pattern, 'task "' + t.label + '"');
}
check(vscode.text !== null, 'a VS Code task for --format=text');
check(vscode.msvc !== null, 'a VS Code task for --format=msvc');

const patterns = {
    text: [byOwner['ndislint-gcc'], vscode.text].filter(Boolean),
    msvc: [byOwner['ndislint-msvc'], vscode.msvc].filter(Boolean),
};
const other = { text: 'msvc', msvc: 'text' };

function capture(p, line) {
    const m = p.re.exec(line);
    if (m === null)
        return null;
    const out = {};
    for (const key in p.groups)
        out[key] = p.groups[key] === undefined ? undefined : m[p.groups[key]];
    return out;
}

/* Every field of a capture against what it should be. */
function expectCapture(p, line, want, what) {
    const got = capture(p, line);
    if (!check(got !== null, p.where + ' matches ' + what, line))
        return;
    for (const key of Object.keys(want)) {
        const ok = typeof want[key] === 'function' ? want[key](got[key])
                                                    : got[key] === want[key];
        check(ok, p.where + ' ' + key + ' of ' + what,
            'want ' + (typeof want[key] === 'function' ? want[key].toString()
                                                        : JSON.stringify(want[key])) +
            ', got ' + JSON.stringify(got[key]) + ' in ' + JSON.stringify(line));
    }
}

function expectNoMatch(list, line, what) {
    for (const p of list)
        check(p.re.exec(line) === null, p.where + ' does not match ' + what, line);
}

/* ---- lines written by hand: shapes the fixtures do not produce ----------- */

const handText = [
    ['C:\\drv\\src\\init.c:46:14: error: a: b, [c] d [NDIS002]',
     { file: 'C:\\drv\\src\\init.c', line: '46', column: '14', severity: 'error',
       code: 'NDIS002', message: 'a: b, [c] d' }],
    ['my driver/isr.c:33:9: warning: returns FALSE [NDIS003]',
     { file: 'my driver/isr.c', line: '33', column: '9', severity: 'warning',
       code: 'NDIS003', message: 'returns FALSE' }],
    ['isr.c:33: warning: no column [NDIS003]',
     { file: 'isr.c', line: '33', column: undefined, severity: 'warning',
       code: 'NDIS003', message: 'no column' }],
];
const handMsvc = [
    ['C:\\drv (x64)\\init.c(46,14): error NDIS002: a: b (see C:\\drv (x64)\\init.c(3,1): here)',
     { file: 'C:\\drv (x64)\\init.c', line: '46', column: '14', severity: 'error',
       code: 'NDIS002', message: 'a: b (see C:\\drv (x64)\\init.c(3,1): here)' }],
    ['isr.c(33): warning NDIS003: no column',
     { file: 'isr.c', line: '33', column: undefined, severity: 'warning',
       code: 'NDIS003', message: 'no column' }],
];
for (const [line, want] of handText) {
    for (const p of patterns.text)
        expectCapture(p, line, want, 'hand-written text line');
    expectNoMatch(patterns.msvc, line, 'a text line');
}
for (const [line, want] of handMsvc) {
    for (const p of patterns.msvc)
        expectCapture(p, line, want, 'hand-written msvc line');
    expectNoMatch(patterns.text, line, 'an msvc line');
}
for (const line of [
    'isr.c:14:28: note: MpMsgIsr is a MiniportMessageInterrupt here',
    'isr.c:14:28: note: ends like a finding [NDIS003]',
    'isr.c:98:1: warning: MpHalt is also defined at other.c:134; calls to it are not followed',
    'ndislint: error: unknown format \'x\' (expected text, msvc or sarif)',
    'isr.c(14,28): note NDIS003: not a level MSBuild knows',
]) {
    expectNoMatch(patterns.text.concat(patterns.msvc), line, 'a note or tool message');
}

/* ---- the fixtures ---------------------------------------------------------- */

/* `// expect: ID...` marks: [{line, rule}], sorted. */
function expectMarks(file) {
    const marks = [];
    const src = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
    src.forEach((text, index) => {
        const m = /\/\/\s*expect(?:@([+-]\d+))?:\s*(.*)$/.exec(text);
        if (m === null)
            return;
        const line = index + 1 + (m[1] ? Number(m[1]) : 0);
        for (const id of m[2].trim().split(/\s+/))
            marks.push(line + ' ' + id.split(':')[0]);
    });
    return marks.sort();
}

/* The results of a SARIF log as plain records, in log order. */
function sarifFindings(text) {
    const log = JSON.parse(text);
    const run = log.runs[0];
    return run.results.map(r => {
        const loc = r.locations[0].physicalLocation;
        return {
            file: decodeURIComponent(loc.artifactLocation.uri),
            line: loc.region.startLine,
            column: loc.region.startColumn,
            level: r.level || 'warning',
            code: r.ruleId,
            name: run.tool.driver.rules[r.ruleIndex].name,
            message: r.message.text,
        };
    });
}

/* SARIF ends every message with a full stop; the line formats print the
 * message as the rule wrote it. */
function sameMessage(line, sarif) {
    return line === sarif || line + '.' === sarif;
}

/* The workflow command syntax, read as the runner reads it. */
function unescapeData(s) {
    return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
function unescapeProperty(s) {
    return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':')
        .replace(/%2C/g, ',').replace(/%25/g, '%');
}
function parseCommand(line) {
    if (!line.startsWith('::'))
        return null;
    const end = line.indexOf('::', 2);
    if (end < 0)
        return null;
    const head = line.slice(2, end);
    const space = head.indexOf(' ');
    const command = space < 0 ? head : head.slice(0, space);
    const properties = {};
    if (space >= 0) {
        for (const part of head.slice(space + 1).split(',')) {
            const eq = part.indexOf('=');
            if (eq <= 0)
                return null;
            properties[part.slice(0, eq)] = unescapeProperty(part.slice(eq + 1));
        }
    }
    return { command, properties, data: unescapeData(line.slice(end + 2)) };
}

const severityOf = { error: 'error', warning: 'warning', note: 'notice' };

for (let i = 0; i < count; i++) {
    const fixture = read(i + '.name').trim();
    const status = f => Number(read(i + '.' + f + '.status').trim());
    for (const f of ['text', 'msvc', 'sarif'])
        same(status(f), 1, fixture + ': exit status of --format=' + f);

    const findings = sarifFindings(read(i + '.sarif'));
    const marks = expectMarks(fixture);
    check(findings.length > 0, fixture + ': has findings');
    same(JSON.stringify(findings.map(f => f.line + ' ' + f.code).sort()),
        JSON.stringify(marks), fixture + ': SARIF results agree with the expect marks');

    /* text: finding lines matched, note lines not, in SARIF order. */
    const notesOf = findings.map(() => []);
    for (const p of patterns.text) {
        let k = -1;
        for (const line of lines(read(i + '.text'))) {
            const got = capture(p, line);
            if (got === null) {
                check(/^[^ ]+:\d+:\d+: note: /.test(line),
                    p.where + ': only note lines are left unmatched', line);
                if (p === patterns.text[0] && k >= 0) {
                    const n = /^(.+?:\d+:\d+): note: (.*)$/.exec(line);
                    if (n !== null)
                        notesOf[k].push('note: ' + n[1] + ': ' + n[2]);
                }
                continue;
            }
            k++;
            if (!check(k < findings.length, p.where + ': no more problems than findings', line))
                continue;
            const want = findings[k];
            const what = fixture + ' text finding ' + (k + 1);
            expectCapture(p, line, {
                file: want.file, line: String(want.line), column: String(want.column),
                severity: want.level, code: want.code,
                message: got => sameMessage(got, want.message),
            }, what);
            check(fs.existsSync(path.join(root, got.file)),
                p.where + ': captured file exists from the repository root', got.file);
            expectNoMatch(patterns.msvc, line, 'a text finding line');
        }
        same(k + 1, findings.length, fixture + ' ' + p.where + ': one problem per finding');
    }

    /* What goes to standard error (tool messages, progress) is never a
     * problem. */
    for (const f of ['text', 'msvc']) {
        for (const line of lines(read(i + '.' + f + '.err')))
            expectNoMatch(patterns.text.concat(patterns.msvc), line,
                fixture + ': standard error of --format=' + f);
    }

    /* msvc: every line is a finding. */
    const msvcLines = lines(read(i + '.msvc'));
    same(msvcLines.length, findings.length, fixture + ': one msvc line per finding');
    msvcLines.forEach((line, k) => {
        if (k >= findings.length)
            return;
        const want = findings[k];
        for (const p of patterns.msvc) {
            expectCapture(p, line, {
                file: want.file, line: String(want.line), column: String(want.column),
                severity: want.level === 'error' ? 'error' : 'warning',
                code: want.code,
                message: got => {
                    const cut = got.indexOf(' (see ');
                    return sameMessage(cut < 0 ? got : got.slice(0, cut), want.message);
                },
            }, fixture + ' msvc finding ' + (k + 1));
        }
        expectNoMatch(patterns.text, line, 'an msvc finding line');
    });

    /* github: one command per finding, escaped so the runner reads back the
     * same file, place, title and message, with the notes of the text
     * output as extra message lines. */
    const gh = status('github');
    const ghErr = read(i + '.github.err');
    if (gh === 2 && /format/.test(ghErr)) {
        check(false, fixture + ': --format=github',
            'the binary rejects --format=github (' + ghErr.trim() +
            '); the option is not wired to emit_github yet');
        continue;
    }
    same(gh, 1, fixture + ': exit status of --format=github');
    const ghLines = lines(read(i + '.github'));
    same(ghLines.length, findings.length, fixture + ': one workflow command per finding');
    ghLines.forEach((line, k) => {
        if (k >= findings.length)
            return;
        const want = findings[k];
        const what = fixture + ' github finding ' + (k + 1);
        const cmd = parseCommand(line);
        if (!check(cmd !== null, what + ' parses as a workflow command', line))
            return;
        same(cmd.command, severityOf[want.level], what + ' command');
        same(JSON.stringify(Object.keys(cmd.properties)),
            JSON.stringify(['file', 'line', 'col', 'title']), what + ' properties');
        same(cmd.properties.file, want.file, what + ' file');
        same(cmd.properties.line, String(want.line), what + ' line');
        same(cmd.properties.col, String(want.column), what + ' col');
        same(cmd.properties.title, want.code + ' ' + want.name, what + ' title');
        const [first, ...notes] = cmd.data.split('\n');
        check(sameMessage(first, want.message), what + ' message',
            'want ' + JSON.stringify(want.message) + ', got ' + JSON.stringify(first));
        same(JSON.stringify(notes), JSON.stringify(notesOf[k]), what + ' notes');
    });
}

console.log(passed + ' passed, ' + failed + ' failed');
process.exit(failed === 0 ? 0 : 1);
EOF

node "$work/check.js" "$root" "$work" "$i"
