"""The package as a user installs it: its name and metadata, its commands and global options,
the lock files `make` installs from, and the publishing workflow."""
from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from importlib import metadata, resources
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from packaging.requirements import Requirement

from conftest import BIN, ROOT

import digest
from digest.cli import main

DIST = "mkdocs-news-digest"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=120)


def test_python_m_digest_and_both_commands_print_the_version():
    expected = f"{DIST}, version {digest.__version__}"
    assert metadata.version(DIST) == digest.__version__
    for command in ([sys.executable, "-m", "digest"], [str(BIN / "news-digest")],
                    [str(BIN / "digest")]):
        for flag in ("-V", "--version"):
            done = run(*command, flag)
            assert done.returncode == 0 and done.stdout.strip() == expected, (command, done)
    helped = run(sys.executable, "-m", "digest", "--help")
    assert "Usage: python -m digest" in helped.stdout and "--quiet" in helped.stdout


@pytest.fixture(autouse=True)
def loggers_restored():
    """The command line sets up its loggers; the other tests get them back as they were."""
    saved = {name: (logging.getLogger(name).handlers[:], logging.getLogger(name).level,
                    logging.getLogger(name).propagate) for name in ("digest", "mkdocs")}
    yield
    for name, (handlers, level, propagate) in saved.items():
        logger = logging.getLogger(name)
        logger.handlers, logger.propagate = handlers, propagate
        logger.setLevel(level)


def cli() -> CliRunner:
    """stderr apart from stdout (the default from click 8.2; 8.1 needs asking)."""
    major, minor = (int(n) for n in metadata.version("click").split(".")[:2])
    if (major, minor) < (8, 2):
        return CliRunner(mix_stderr=False)
    return CliRunner()


def orphan_sidecar(tmp_path: Path) -> Path:
    """A folder whose only file is a sidecar without a seed: a warning, and no spaCy run."""
    (tmp_path / "lonely.yml").write_text("title: Nobody\n", encoding="utf-8")
    return tmp_path


def test_quiet_leaves_out_warnings_and_verbose_adds_debug_lines(tmp_path):
    folder = str(orphan_sidecar(tmp_path))
    runner = cli()
    normal = runner.invoke(main, ["extract", folder])
    assert normal.exit_code == 0
    assert "WARNING:" in normal.stderr and "sidecar without a seed" in normal.stderr
    assert "DEBUG" not in normal.stderr
    quiet = runner.invoke(main, ["-q", "extract", folder])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    verbose = runner.invoke(main, ["--verbose", "extract", folder])
    assert "DEBUG: 0 seeds found under" in verbose.stderr and "WARNING:" in verbose.stderr
    both = runner.invoke(main, ["-q", "-v", "extract", folder])
    assert both.exit_code == 2 and "exclude each other" in both.stderr


def test_quiet_still_reports_errors(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    quiet = cli().invoke(main, ["-q", "extract", str(tmp_path)])
    assert "ERROR:" in quiet.stderr and "empty.txt" in quiet.stderr


def test_metadata_names_the_license_the_framework_and_the_commands():
    meta = metadata.metadata(DIST)
    assert meta["Name"] == DIST
    assert meta["License-Expression"] == "MIT"
    classifiers = meta.get_all("Classifier")
    assert "Framework :: MkDocs" in classifiers and "Typing :: Typed" in classifiers
    points = metadata.distribution(DIST).entry_points
    scripts = {e.name: e.value for e in points if e.group == "console_scripts"}
    assert scripts == {"news-digest": "digest.cli:main", "digest": "digest.cli:main"}
    assert {e.name: e.value for e in points if e.group == "mkdocs.plugins"} == {
        "digest": "digest.plugin.adapter:DigestPlugin"}
    assert resources.files("digest").joinpath("py.typed").is_file()
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")


def declared() -> dict[str, list[Requirement]]:
    """pyproject.toml's requirements: the runtime ones and each extra's."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    groups = {"": project["dependencies"], **project["optional-dependencies"]}
    return {name: [Requirement(r) for r in reqs] for name, reqs in groups.items()}


def locked(name: str) -> dict[str, tuple[str, str]]:
    """A lock file's packages: name -> (version, marker), each with at least one hash."""
    text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
    found: dict[str, tuple[str, str]] = {}
    for block in re.split(r"\n(?=\S)", text):
        line = block.split("\\", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        assert "--hash=sha256:" in block, f"{name}: {line} has no hash"
        requirement = Requirement(line)
        [spec] = requirement.specifier
        assert spec.operator == "==", f"{name}: {line} is not an exact version"
        found.setdefault(re.sub(r"[-_.]+", "-", requirement.name.lower()), (spec.version,
                         str(requirement.marker or "")))
    return found


def test_ranges_in_pyproject_and_exact_hashed_versions_in_the_locks():
    groups = declared()
    for requirement in groups[""] + groups["test"]:
        assert not any(s.operator == "==" for s in requirement.specifier), requirement
    assert "dateparser" not in {r.name for r in groups[""]}
    test, site = locked("test.txt"), locked("site.txt")
    for group in ("", "test", "model"):
        for requirement in groups[group]:
            key = re.sub(r"[-_.]+", "-", requirement.name.lower())
            assert key in test, f"{requirement} is not in requirements/test.txt: run make lock"
            assert requirement.specifier.contains(test[key][0], prereleases=True), (
                f"requirements/test.txt has {key}=={test[key][0]} outside {requirement}: "
                "run make lock")
            if group != "test":
                assert key in site, f"{requirement} is not in requirements/site.txt"
    assert all(test[k][0] == v for k, (v, _) in site.items()), "the two locks disagree"
    assert "pytest" not in site and "playwright" not in site  # the workflow's is runtime only


def test_workflow_uses_node24_actions_and_least_privilege():
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text("utf-8"))
    jobs = flow["jobs"]
    assert flow["permissions"] == {}
    uses = {step["uses"].split("@")[0]: int(step["uses"].split("@v")[1])
            for job in jobs.values() for step in job["steps"] if "uses" in step}
    minimum = {"actions/checkout": 5, "actions/setup-python": 6, "actions/cache": 5,
               "actions/configure-pages": 6, "actions/upload-pages-artifact": 5,
               "actions/deploy-pages": 5, "actions/upload-artifact": 6,
               "actions/download-artifact": 7}
    assert set(uses) == set(minimum) and all(uses[a] >= v for a, v in minimum.items())
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["ledger"]["permissions"] == {"contents": "write"}
    build_steps = jobs["build"]["steps"]
    python = next(s for s in build_steps if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip"
    assert python["with"]["cache-dependency-path"] == "requirements/site.txt"
    cache = next(s for s in build_steps if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == ".digest-cache"
    assert any(s.get("run") == "make site" for s in build_steps)
    ledger_runs = " ".join(s.get("run", "") for s in jobs["ledger"]["steps"])
    assert "make" not in ledger_runs and "pip" not in ledger_runs  # never runs the build
    assert set(jobs["ledger"]["needs"]) == {"build", "deploy"}


def merge_script() -> str:
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text("utf-8"))
    step = next(s for s in flow["jobs"]["ledger"]["steps"] if "PY" in s.get("run", ""))
    return re.search(r"<<'PY'\n(.*?)\nPY", step["run"], re.S).group(1)


def test_the_ledger_job_keeps_every_address(tmp_path):
    """The workflow's own merge, run on a ledger that a commit changed during the build."""
    folder = tmp_path / "ledger"
    folder.mkdir()
    base = {"a": ["old-a"], "gone": ["gone"]}
    built = {"a": ["old-a", "new-a"], "b": ["b"]}  # a moved, b is new, gone's seed deleted
    branch = {"a": ["old-a", "other-a"], "gone": ["gone"], "c": ["c"]}  # pushed meanwhile
    (folder / "base.json").write_text(json.dumps(base), encoding="utf-8")
    (folder / "built.json").write_text(json.dumps(built), encoding="utf-8")
    target = tmp_path / "published-urls.json"
    target.write_text(json.dumps(branch), encoding="utf-8")
    script = tmp_path / "merge.py"
    script.write_text(merge_script(), encoding="utf-8")
    done = run(sys.executable, str(script), str(folder), str(target))
    assert done.returncode == 0, done.stderr
    merged = json.loads(target.read_text(encoding="utf-8"))
    assert merged == {"a": ["other-a", "old-a", "new-a"], "b": ["b"], "c": ["c"]}
    assert target.read_text(encoding="utf-8").endswith("]\n}\n")  # as digest writes it


def test_make_test_checks_for_chromium_before_any_test(tmp_path):
    """Without chromium on PATH and without root, `make test` stops at once with one line."""
    import os
    import shutil

    if os.geteuid() == 0 and shutil.which("apt-get"):
        bare = tmp_path / "bin"
        bare.mkdir()
        for tool in ("sh", "id"):  # apt-get left out: as on a machine where we may not
            (bare / tool).symlink_to(shutil.which(tool))
        env = {"PATH": str(bare)}
    else:
        env = {"PATH": "/nonexistent"}
    done = subprocess.run([shutil.which("sh"), str(ROOT / ".ci" / "chromium")], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    [line] = done.stderr.strip().splitlines()
    assert "chromium" in line and "apt-get install chromium" in line


def make_dry_run(target: str) -> str:
    """What `make TARGET` would run, printed by `make -n -B` (as if nothing were installed),
    also when these tests run under `make test` itself."""
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(["make", "--no-print-directory", "-n", "-B", target], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60).stdout


def test_make_installs_from_the_locks_and_checks_chromium_first():
    test = make_dry_run("test").splitlines()
    assert test[0] == "sh .ci/chromium" and test[-1].endswith("-m pytest -q")
    installs = [line for line in test if " pip install " in line]
    assert any("--require-hashes -r requirements/test.txt" in line for line in installs)
    assert all("--require-hashes" in line or "--no-deps" in line for line in installs)
    site = make_dry_run("site")
    assert "--require-hashes -r requirements/site.txt" in site and "test.txt" not in site
    lock = make_dry_run("lock")
    assert "uv pip compile pyproject.toml" in lock and "--generate-hashes" in lock
    assert "-o requirements/test.txt" in lock and "-c requirements/test.txt -o requirements/site.txt" in lock
