#!/usr/bin/env python3
"""Times the instructor's batch commands on a generated class, with the release build.

  swift build -c release --product ecrlab
  python3 Benchmarks/scripts/instructor-bench.py [--learners 10000] [--attempts 100000]

1. grade: a class folder of LEARNERS learners, one submission each of task 04 (a mix of the
   section's right answer and its common mistakes, every file distinct), into a fresh database.
2. report: a database with ATTEMPTS attempts (the same class graded ATTEMPTS / LEARNERS times,
   each round with different texts), then `report --format table` and `--format html`.
Goals: grade <= 1 s wall, report <= 200 ms.
"""
import argparse, json, os, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ECRLAB = os.path.join(ROOT, ".build", "release", "ecrlab")
ACTIONS = ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability", "ecr:PutImage",
           "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"]
USER = "arn:aws:iam::111122223333:user/fcj-ecr-ci-cd-user"


def submission(n, round_):
    kind = n % 6
    principal, actions = {"AWS": USER}, list(ACTIONS)
    if kind == 1: principal = "*"
    elif kind == 2: actions = ["ecr:*"]
    elif kind == 3: actions = ACTIONS[:2]
    elif kind == 4: principal = {"AWS": USER.replace("ci-cd", "cicd")}
    elif kind == 5: actions = [a for a in ACTIONS if a != "ecr:UploadLayerPart"]
    doc = {"Version": "2008-10-17", "Statement": [{
        "Sid": f"AllowPushPull{n}x{round_}", "Effect": "Allow", "Principal": principal, "Action": actions}]}
    return json.dumps(doc, indent=2) + "\n"


def write_class(folder, learners, round_):
    shutil.rmtree(folder, ignore_errors=True)
    for n in range(learners):
        os.makedirs(f"{folder}/learner{n:05d}")
        with open(f"{folder}/learner{n:05d}/04-ci-push-pull.json", "w") as f:
            f.write(submission(n, round_))


def timed(args):
    start = time.perf_counter()
    subprocess.run([ECRLAB] + args, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=10000)
    parser.add_argument("--attempts", type=int, default=100000)
    options = parser.parse_args()
    if not os.access(ECRLAB, os.X_OK):
        sys.exit("build it first: swift build -c release --product ecrlab")
    work = tempfile.mkdtemp(prefix="ecrlab-bench-")
    try:
        folder, db = f"{work}/class", f"{work}/grade.sqlite"
        write_class(folder, options.learners, 0)
        seconds = timed(["grade", folder, "--db", db, "--format", "csv"])
        print(f"grade {options.learners} submissions of task 04, fresh database: {seconds:.3f} s")
        print(f"grade again (all already recorded): {timed(['grade', folder, '--db', db, '--format', 'csv']):.3f} s")

        big = f"{work}/report.sqlite"
        rounds = max(1, options.attempts // options.learners)
        for round_ in range(rounds):
            write_class(folder, options.learners, round_)
            timed(["grade", folder, "--db", big, "--format", "csv"])
        for fmt in ("table", "html", "csv", "json"):
            best = min(timed(["report", "--db", big, "--format", fmt]) for _ in range(3))
            print(f"report --format {fmt} over {rounds * options.learners} attempts: {best * 1000:.0f} ms (best of 3)")

        # A process checks the whole file before its first change: what that costs on a big class.
        roster = f"{work}/roster.csv"
        with open(roster, "w") as out:
            out.write("name\nlearner00000\n")
        size = os.path.getsize(big) / 1e6
        best = min(timed(["roster", "import", roster, "--db", big]) for _ in range(3))
        print(f"first change (an unchanged one-line roster) on the {size:.0f} MB database: {best * 1000:.0f} ms (best of 3)")
        if shutil.which("sqlite3"):
            start = time.perf_counter()
            subprocess.run(["sqlite3", big, "PRAGMA quick_check"], check=True, capture_output=True)
            print(f"  of which PRAGMA quick_check in the sqlite3 shell: {(time.perf_counter() - start) * 1000:.0f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
