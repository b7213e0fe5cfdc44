#!/usr/bin/env python3
"""Writes N generated `explain --batch` cases (JSON Lines), each carrying its own policies.

Usage: python3 Benchmarks/scripts/batch_cases.py 100000 > cases.jsonl
Deterministic (seeded), so figures are comparable between runs.
"""
import json
import random
import sys

ACCOUNT = "111122223333"
OTHER = "444455556666"
REPO = f"arn:aws:ecr:us-east-1:{ACCOUNT}:repository/fcj-workshop-app"
ACTIONS = ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability", "ecr:PutImage",
           "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:DeleteRepository",
           "ecr:SetRepositoryPolicy", "ecr:GetAuthorizationToken"]
PRINCIPALS = [f"arn:aws:iam::{ACCOUNT}:user/fcj-ecr-ci-cd-user", f"arn:aws:iam::{ACCOUNT}:user/fcj-developer",
              f"arn:aws:sts::{OTHER}:assumed-role/deployer/s1", f"arn:aws:iam::{ACCOUNT}:role/admin",
              "codebuild.amazonaws.com"]


def identity(rng):
    statements = [{"Sid": "Login", "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
                  {"Sid": "Repo", "Effect": "Allow", "Action": rng.sample(ACTIONS[:9], rng.randint(1, 7)), "Resource": REPO}]
    if rng.random() < 0.2:
        statements.append({"Effect": "Deny", "Action": "ecr:Delete*", "Resource": "*"})
    return {"Version": "2012-10-17", "Statement": statements}


def repository(rng):
    principal = rng.choice([PRINCIPALS[0], PRINCIPALS[1], ACCOUNT, f"arn:aws:iam::{OTHER}:root", "*"])
    statement = {"Sid": "AllowPushPullFromCICDUser", "Effect": "Allow", "Principal": {"AWS": principal},
                 "Action": rng.sample(ACTIONS[:7], rng.randint(2, 7))}
    if principal == "*":
        statement["Condition"] = {"StringEquals": {"aws:PrincipalAccount": ACCOUNT}}
    statements = [statement]
    if rng.random() < 0.3:
        statements.append({"Sid": "DenyOutsideOffice", "Effect": "Deny", "Principal": "*", "Action": "ecr:*",
                           "Condition": {"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"]}}})
    return {"Version": "2008-10-17" if rng.random() < 0.5 else "2012-10-17", "Statement": statements}


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    rng = random.Random(20261129)
    out = sys.stdout
    for _ in range(count):
        action = rng.choice(ACTIONS)
        case = {
            "identityPolicies": [identity(rng)],
            "resourcePolicy": repository(rng) if rng.random() < 0.9 else None,
            "request": {
                "principal": rng.choice(PRINCIPALS),
                "action": action,
                "resource": "*" if action == "ecr:GetAuthorizationToken" else REPO,
                "context": {"aws:SourceIp": rng.choice(["203.0.113.9", "192.0.2.1"])},
            },
        }
        out.write(json.dumps(case, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
