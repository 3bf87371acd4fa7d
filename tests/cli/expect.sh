# expect.sh - what the command-line tests share: checks that count and
# report (each names the check, what was expected and what came), and
# running ndislint (nd, nd_in). Sourced, not run; the script sets
# ndislint, inputs, tmp, passed and failed first.

# ---- reporting ------------------------------------------------------------

# Shortens a value to one line for a failure message.
show() {
  local text
  text="$(printf '%s' "$1" | head -c 400 | sed ':a;N;$!ba;s/\n/\\n/g')"
  [ "${#1}" -gt 400 ] && text="$text..."
  printf '%s' "${text:-<empty>}"
}

pass() { passed=$((passed + 1)); }

# fail NAME EXPECTED GOT
fail() {
  failed=$((failed + 1))
  printf 'FAIL %s: expected %s; got %s\n' "$1" "$(show "$2")" "$(show "$3")"
}

# expect_eq NAME EXPECTED ACTUAL
expect_eq() {
  if [ "$2" = "$3" ]; then pass; else fail "$1" "'$2'" "$3"; fi
}

# expect_empty NAME TEXT
expect_empty() {
  if [ -z "$2" ]; then pass; else fail "$1" "nothing" "$2"; fi
}

# expect_nonempty NAME TEXT
expect_nonempty() {
  if [ -n "$2" ]; then pass; else fail "$1" "some output" "$2"; fi
}

# expect_contains NAME NEEDLE TEXT (fixed string)
expect_contains() {
  if printf '%s' "$3" | grep -qF -- "$2"; then pass; else fail "$1" "text containing '$2'" "$3"; fi
}

# expect_lacks NAME NEEDLE TEXT (fixed string)
expect_lacks() {
  if printf '%s' "$3" | grep -qF -- "$2"; then fail "$1" "no '$2'" "$3"; else pass; fi
}

# expect_line NAME REGEX TEXT: some line matches the extended regex
expect_line() {
  if printf '%s\n' "$3" | grep -qE -- "$2"; then pass; else fail "$1" "a line matching /$2/" "$3"; fi
}

# expect_no_line NAME REGEX TEXT: no line matches the extended regex
expect_no_line() {
  if printf '%s\n' "$3" | grep -qE -- "$2"; then fail "$1" "no line matching /$2/" "$3"; else pass; fi
}

# expect_exact_line NAME LINE TEXT: some line is exactly LINE
expect_exact_line() {
  if printf '%s\n' "$3" | grep -qxF -- "$2"; then pass; else fail "$1" "a line '$2'" "$3"; fi
}

# count_lines REGEX TEXT: how many lines match the extended regex
count_lines() {
  printf '%s\n' "$2" | grep -cE -- "$1"
}

# ---- running ndislint -----------------------------------------------------

# nd_in DIR [ARGS...]: runs ndislint in DIR; sets rc, out, err.
nd_in() {
  local dir="$1"
  shift
  (cd "$dir" && "$ndislint" "$@") >"$tmp/stdout" 2>"$tmp/stderr"
  rc=$?
  out="$(cat "$tmp/stdout")"
  err="$(cat "$tmp/stderr")"
}

# nd [ARGS...]: runs ndislint in the inputs folder (paths print relative).
nd() { nd_in "$inputs" "$@"; }

# on_tty COMMAND...: runs COMMAND with its standard output on a terminal
# (a pseudo-terminal from script(1)); prints what it wrote there.
on_tty() {
  local line
  printf -v line '%q ' "$@"
  script -qec "$line" /dev/null </dev/null 2>/dev/null
}
