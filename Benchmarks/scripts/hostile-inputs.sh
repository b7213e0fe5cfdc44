#!/usr/bin/env bash
# The worst inputs ecrlab is built to handle, and how long it takes to answer each.
#
# Generates every hostile file into a temporary folder (nothing large is kept), then times each
# command with hyperfine and takes its peak memory from /usr/bin/time. Prints a Markdown table.
#
#   swift build -c release --product ecrlab
#   Benchmarks/scripts/hostile-inputs.sh            # from the package root
#   ECRLAB=/path/to/ecrlab RUNS=5 Benchmarks/scripts/hostile-inputs.sh
#   KEEP=1 ... keeps the folder and prints its path, to rerun one command by hand
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
ecrlab=${ECRLAB:-$root/.build/release/ecrlab}
runs=${RUNS:-10}
[ -x "$ecrlab" ] || { echo "no ecrlab at $ecrlab; run: swift build -c release --product ecrlab" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is needed" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ecrlab-hostile.XXXXXX")
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; else echo "files in $work" >&2; fi
cd "$work"

python3 - "$root" <<'PY'
import json, os, shutil, sys
root = sys.argv[1]
user = lambda i: f"arn:aws:iam::111122223333:user/u{i}"
repo = "arn:aws:ecr:us-east-1:111122223333:repository/"

def policy(statements):
    return '{"Version":"2012-10-17","Statement":[' + ",".join(statements) + "]}"

# 10,000 statements, one per user, minified: just under the reader's 1 MiB.
many = [f'{{"Effect":"Allow","Principal":{{"AWS":"{user(i)}"}},"Action":"ecr:{"BatchGetImage" if i % 2 == 0 else "PutImage"}"}}'
        for i in range(10_000)]
open("many-10000.json", "w").write(policy(many))

# Exactly 1 MiB on one line, every statement open to everyone: the most findings the reader lets in.
open_statement = '{"Effect":"Allow","Principal":"*","Action":"ecr:*"}'
text = policy([open_statement] * 20_000)
while len(text) > 1 << 20:
    text = policy([open_statement] * (text.count("Principal") - 1))
text = text[:-1] + " " * ((1 << 20) - len(text)) + "}"
assert len(text) == 1 << 20
open("max-1mib.json", "w").write(text)

# 100,000-deep nesting.
open("deep-arrays.json", "w").write("[" * 100_000)
open("deep-objects.json", "w").write('{"a":' * 100_000)

# 10 KB globs against a 10 KB repository name.
def identity(pattern):
    return policy([f'{{"Effect":"Allow","Action":"ecr:PutImage","Resource":"{repo}{pattern}"}}'])
open("glob-stars.json", "w").write(identity("*a" * 5_000))                     # *a*a*a… (no match)
open("glob-long-literal.json", "w").write(identity("*" + "a" * 5_000 + "c"))   # *aaaa…c (no match)
open("glob-question.json", "w").write(identity("*" + "a?" * 2_500 + "b"))      # *a?a?…b (match)
open("arn.txt", "w").write(repo + "a" * 10_000 + "b")

# A lab pack with a YAML bomb in lab.yaml, one with runaway nesting, one with a huge flow mapping.
def pack(name, replace_title):
    shutil.copytree(os.path.join(root, "labs"), f"{name}/labs")
    shutil.copytree(os.path.join(root, "solutions"), f"{name}/solutions")
    path = f"{name}/labs/lab.yaml"
    lines = open(path).read().split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[index] = replace_title
    open(path, "w").write("\n".join(lines))
bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
previous = "a"
for name in "bcdefghi":
    bomb += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    previous = name
pack("pack-laughs", bomb + "? *i\n: 1")
pack("pack-deep", "title: " + "[" * 400_000 + "]" * 400_000)
pack("pack-flow", "title: {" + ", ".join(f"k{i}: v" for i in range(85_000)) + "}")
PY
# 50 MB written out (not sparse), so a reader that ignored its limit would pay for it.
head -c 50000000 /dev/zero | tr '\0' ' ' > big-50mb.json
mkdir -p class/ana class/bob
cp "$root/solutions/04-ci-push-pull/policy.json" class/ana/04.json
cp big-50mb.json class/bob/04.json

resource=$(cat arn.txt)
principal=arn:aws:iam::111122223333:user/fcj-ecr-ci-cd-user

echo "| input | command | exit | time (mean ± σ) | peak RSS |"
echo "|---|---|---|---|---|"
measure() {
  local input=$1; shift
  local shown="ecrlab $*"
  shown=${shown//$root/.}
  shown=${shown//$resource/\$(cat arn.txt)}
  local rss exit
  /usr/bin/time -f "%M" -o rss.txt "$ecrlab" "$@" >/dev/null 2>&1 || true
  rss=$(tail -1 rss.txt)
  set +e; "$ecrlab" "$@" >/dev/null 2>&1; exit=$?; set -e
  local stats
  stats=$(hyperfine -N -i --warmup 1 --runs "$runs" --export-json timing.json "$(printf '%q ' "$ecrlab" "$@")" >/dev/null 2>&1 \
    && python3 -c 'import json; r=json.load(open("timing.json"))["results"][0]; print("%.0f ms ± %.0f" % (r["mean"]*1000, r["stddev"]*1000))')
  echo "| $input | \`$shown\` | $exit | $stats | $(( (rss + 512) / 1024 )) MB |"
}
measure_stdin() {
  local input=$1 file=$2; shift 2
  local rss exit stats
  /usr/bin/time -f "%M" -o rss.txt "$ecrlab" "$@" <"$file" >/dev/null 2>&1 || true
  rss=$(tail -1 rss.txt)
  set +e; "$ecrlab" "$@" <"$file" >/dev/null 2>&1; exit=$?; set -e
  # Through the shell, for the redirection; hyperfine subtracts the shell's own start-up.
  stats=$(hyperfine -i --warmup 1 --runs "$runs" --export-json timing.json "$(printf '%q ' "$ecrlab" "$@") < $file" >/dev/null 2>&1 \
    && python3 -c 'import json; r=json.load(open("timing.json"))["results"][0]; print("%.0f ms ± %.0f" % (r["mean"]*1000, r["stddev"]*1000))')
  echo "| $input | \`ecrlab $* < $file\` | $exit | $stats | $(( (rss + 512) / 1024 )) MB |"
}

measure "1 MiB policy, one line, 20,000 findings" lint max-1mib.json
measure "1 MiB policy, one line (JSON output)" lint max-1mib.json --format json
measure "10,000 statements (1,000,592 bytes)" lint many-10000.json
measure "10,000 statements, last one decides" explain --principal arn:aws:iam::111122223333:user/u9999 --action ecr:PutImage \
  --resource arn:aws:ecr:us-east-1:111122223333:repository/app --repository-policy many-10000.json --model aws
measure "10,000 statements, graded as task 4" check 4 many-10000.json --no-record --labs "$root/labs"
measure "10 KB glob \`*a*a…\` vs 10 KB ARN" explain --principal "$principal" --action ecr:PutImage --resource "$resource" --identity glob-stars.json --model aws
measure "10 KB glob \`*aaaa…c\` vs 10 KB ARN" explain --principal "$principal" --action ecr:PutImage --resource "$resource" --identity glob-long-literal.json --model aws
measure "10 KB glob \`*a?a?…b\` vs 10 KB ARN" explain --principal "$principal" --action ecr:PutImage --resource "$resource" --identity glob-question.json --model aws
measure "100,000 \`[\`" lint deep-arrays.json
measure "100,000 \`{\"a\":\`" lint deep-objects.json
measure "100,000 \`{\"a\":\`" explain --principal "$principal" --action ecr:PutImage --repository-policy deep-objects.json
measure "50 MB file" lint big-50mb.json
measure_stdin "50 MB on standard input" big-50mb.json lint -
measure "50 MB file" check 4 big-50mb.json --no-record --labs "$root/labs"
measure "class folder with a 50 MB submission" grade class --labs "$root/labs" --db grade.sqlite
measure "billion laughs in lab.yaml" labs verify --labs pack-laughs/labs
measure "400,000 \`[\` in lab.yaml" labs verify --labs pack-deep/labs
measure "85,000-key flow mapping in lab.yaml (0.9 MiB)" labs verify --labs pack-flow/labs
