"""The source distribution carries everything a wheel needs: built, installed and run afresh."""

import json
import subprocess
import sys
import tarfile
import venv

from conftest import ROOT, SAMPLES


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=300, **kwargs)


def test_packaging_sdist_builds_a_wheel_that_runs_on_the_samples(tmp_path):
    run(sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", str(tmp_path), str(ROOT))
    (sdist,) = tmp_path.glob("rxnews-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
        archive.extractall(tmp_path / "src", filter="data")
    assert any(name.endswith("/patterns/drugs.jsonl") for name in names)
    (tree,) = (tmp_path / "src").iterdir()
    run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(tree))
    (wheel,) = tmp_path.glob("rxnews-*.whl")
    # A fresh environment that borrows the dependencies (spaCy, ...) but not this checkout.
    env_dir = tmp_path / "env"
    venv.create(env_dir, system_site_packages=True, with_pip=True)
    python = env_dir / "bin" / "python"
    # --ignore-installed: where rxnews is already installed outside this environment (CI installs the
    # checkout itself), pip would otherwise call the wheel "already satisfied" and install nothing.
    run(str(python), "-m", "pip", "install", "--no-deps", "--ignore-installed", "--quiet", str(wheel))
    where = run(str(python), "-c", "import rxnews, sys; print(rxnews.__file__)", cwd=tmp_path).stdout
    assert where.startswith(str(env_dir))
    result = run(str(env_dir / "bin" / "rxnews"), "extract", str(SAMPLES), "--format", "jsonl", "-q",
                 "--jobs", "1", cwd=tmp_path)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["drugs"][0]["name"] for r in records] == ["4B02-01", "BT02", "LBL-024"]
    # spaCy finds the component through the wheel's `spacy_factories` entry point.
    code = ("import spacy; nlp = spacy.blank('en'); nlp.add_pipe('rxnews'); import rxnews; "
            "doc = nlp('The FDA approved ACM-101.'); print(rxnews.__file__, doc.spans['rxnews'][1].kb_id_)")
    where, drug = run(str(python), "-c", code, cwd=tmp_path).stdout.split()
    assert where.startswith(str(env_dir)) and drug == "ACM-101"
