#!/usr/bin/env bash
# project_cli_test.sh - ndislint run on driver projects as they are built:
# a .vcxproj, a WDK `sources` file, a .sln of several driver projects and
# the configuration file's "project", each against the hand-written
# invocation it replaces.
#
#   bash tests/project/project_cli_test.sh path/to/ndislint path/to/repo-root
#
# The drivers are copies of examples/miniport (two deliberate contract
# mistakes) made in a temporary folder; the project files around them are
# written here. Prints one line per failed check, then "N passed, M failed".
set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 NDISLINT REPO_ROOT" >&2
  exit 2
fi
case "$1" in
  /*) ndislint="$1" ;;
  *) ndislint="$(pwd)/$1" ;;
esac
root="$(cd "$2" && pwd)" || { echo "project_cli_test: no such folder: $2" >&2; exit 2; }
example="$root/examples/miniport"

tmp="$(mktemp -d)" || exit 2
trap 'rm -rf "$tmp"' EXIT
tmp="$(cd "$tmp" && pwd -P)"
inputs="$tmp"

passed=0
failed=0
# shellcheck source=../cli/expect.sh
. "$root/tests/cli/expect.sh"

# ---- the drivers ------------------------------------------------------------

# Two copies of the example, each a driver project of its own, and a
# user-mode tool's project beside them in one solution.
for name in nic_a nic_b; do
  mkdir -p "$tmp/$name"
  cp "$example"/*.c "$example"/*.h "$example/sources" "$tmp/$name/"
  sed "s/miniport/$name/g" "$example/miniport.vcxproj" > "$tmp/$name/$name.vcxproj"
done
mkdir -p "$tmp/tool"
cat > "$tmp/tool/tool.vcxproj" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<Project DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <ItemGroup Label="ProjectConfigurations">
    <ProjectConfiguration Include="Release|x64">
      <Configuration>Release</Configuration>
      <Platform>x64</Platform>
    </ProjectConfiguration>
  </ItemGroup>
  <PropertyGroup Label="Configuration">
    <ConfigurationType>Application</ConfigurationType>
  </PropertyGroup>
  <ItemGroup>
    <ClCompile Include="main.c" />
  </ItemGroup>
</Project>
EOF
printf 'int main(void) { return 0; }\n' > "$tmp/tool/main.c"
{
  printf '\xef\xbb\xbf\r\n'
  printf 'Microsoft Visual Studio Solution File, Format Version 12.00\r\n'
  printf '# Visual Studio Version 17\r\n'
  printf 'Project("{8BC9CEB8-8B4A-11D0-8D11-00A0C91BC942}") = "nic_a", "nic_a\\nic_a.vcxproj", "{11111111-1111-1111-1111-111111111111}"\r\n'
  printf 'EndProject\r\n'
  printf 'Project("{8BC9CEB8-8B4A-11D0-8D11-00A0C91BC942}") = "nic_b", "NIC_B\\nic_b.vcxproj", "{22222222-2222-2222-2222-222222222222}"\r\n'
  printf 'EndProject\r\n'
  printf 'Project("{8BC9CEB8-8B4A-11D0-8D11-00A0C91BC942}") = "tool", "tool\\tool.vcxproj", "{33333333-3333-3333-3333-333333333333}"\r\n'
  printf 'EndProject\r\n'
  printf 'Global\r\n'
  printf '\tGlobalSection(SolutionConfigurationPlatforms) = preSolution\r\n'
  printf '\t\tRelease|x64 = Release|x64\r\n'
  printf '\tEndGlobalSection\r\n'
  printf 'EndGlobal\r\n'
} > "$tmp/nics.sln"

# ---- a .vcxproj gives what the hand-written invocation gives ----------------

nd_in "$tmp/nic_a" --format=msvc driver.c adapter.c interrupt.c
by_hand_out="$out"
by_hand_rc=$rc
expect_eq "by hand: findings (exit 1)" 1 "$by_hand_rc"

nd_in "$tmp/nic_a" --format=msvc nic_a.vcxproj
expect_eq "vcxproj: exit status" 1 "$rc"
expect_eq "vcxproj: the findings of the hand-written invocation" "$by_hand_out" "$out"
expect_contains "vcxproj: the configuration taken is said" "Release|x64" "$err"

nd_in "$tmp/nic_a" --format=msvc --configuration "Release|x64" nic_a.vcxproj
expect_eq "vcxproj --configuration: exit status" 1 "$rc"
expect_lacks "vcxproj --configuration: no default to announce" "no configuration given" "$err"

# ---- a `sources` file --------------------------------------------------------

nd_in "$tmp/nic_a" --format=msvc sources
expect_eq "sources: exit status" 1 "$rc"
expect_eq "sources: the findings of the hand-written invocation" "$by_hand_out" "$out"

# ---- --print-project and --print-clang-args ----------------------------------

nd_in "$tmp/nic_a" --print-project nic_a.vcxproj
expect_eq "--print-project: exit status" 0 "$rc"
expect_exact_line "--print-project: the project" "project $tmp/nic_a/nic_a.vcxproj" "$out"
expect_exact_line "--print-project: its configuration" "  configuration Release|x64" "$out"
expect_exact_line "--print-project: a source" "  source $tmp/nic_a/interrupt.c" "$out"
expect_exact_line "--print-project: the project's NDIS version" "    -DNDIS620_MINIPORT=1" "$out"
expect_exact_line "--print-project: TargetVersion Windows10" "    -D_WIN32_WINNT=0x0A00" "$out"
expect_eq "--print-project: three sources" 3 "$(count_lines '^  source ' "$out")"

nd_in "$tmp/nic_a" --print-project --configuration "Debug|Win32" nic_a.vcxproj
expect_exact_line "--print-project Debug|Win32: x86 target" "    --target=i686-pc-windows-msvc" "$out"
expect_exact_line "--print-project Debug|Win32: _X86_" "    -D_X86_=1" "$out"
expect_exact_line "--print-project Debug|Win32: x64 default undone" "    -U_AMD64_" "$out"
expect_exact_line "--print-project Debug|Win32: DBG=1" "    -DDBG=1" "$out"

nd_in "$tmp/nic_a" --print-project --configuration "Checked|ARM64" nic_a.vcxproj
expect_eq "--configuration not in the project: exit status" 2 "$rc"
expect_contains "--configuration not in the project: named" "Checked|ARM64" "$err"

nd_in "$tmp/nic_a" --print-clang-args interrupt.c nic_a.vcxproj
expect_eq "--print-clang-args with a project: exit status" 0 "$rc"
expect_exact_line "--print-clang-args with a project: its define" "-DNDIS620_MINIPORT=1" "$out"
expect_exact_line "--print-clang-args with a project: its include folder" "-I$tmp/nic_a" "$out"

# ---- a .sln: each driver project is one driver -------------------------------

nd_in "$tmp" --format=msvc nics.sln
expect_eq "sln: exit status" 1 "$rc"
a_findings=$(count_lines '^.*nic_a/.*: (error|warning) NDIS' "$out")
b_findings=$(count_lines '^.*nic_b/.*: (error|warning) NDIS' "$out")
hand_findings=$(count_lines ': (error|warning) NDIS' "$by_hand_out")
expect_eq "sln: nic_a's findings" "$hand_findings" "$a_findings"
expect_eq "sln: nic_b's findings" "$hand_findings" "$b_findings"
expect_lacks "sln: the two drivers are not merged" "is also defined at" "$err"
expect_contains "sln: the user-mode project is left out" "tool.vcxproj" "$err"

# ---- the configuration file's "project" ---------------------------------------

printf '{"project": "nic_a/nic_a.vcxproj", "configuration": "Release|x64"}\n' > "$tmp/.ndislint.json"
nd_in "$tmp" --format=msvc
expect_eq "config project: exit status" 1 "$rc"
expect_eq "config project: the findings" "$hand_findings" "$(count_lines ': (error|warning) NDIS' "$out")"
printf '{"project": "/etc/nic.vcxproj"}\n' > "$tmp/.ndislint.json"
nd_in "$tmp" --format=msvc
expect_eq "config project, absolute: refused" 2 "$rc"
expect_contains "config project, absolute: the key named" "'project'" "$err"
rm -f "$tmp/.ndislint.json"

# ---- what is refused ----------------------------------------------------------

nd_in "$tmp/nic_a" nic_a.vcxproj driver.c
expect_eq "project and sources together: exit status" 2 "$rc"
expect_contains "project and sources together: said" "not both" "$err"

printf '<Project>\n  <ItemGroup>\n    <ClCompile Include="driver.c">\n</Project>\n' > "$tmp/nic_a/broken.vcxproj"
nd_in "$tmp/nic_a" broken.vcxproj
expect_eq "malformed vcxproj: exit status" 2 "$rc"
expect_contains "malformed vcxproj: file and line" "broken.vcxproj:" "$err"
expect_empty "malformed vcxproj: no output" "$out"

nd_in "$tmp/nic_a" missing.vcxproj
expect_eq "missing vcxproj: exit status" 2 "$rc"
expect_contains "missing vcxproj: named" "missing.vcxproj" "$err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
