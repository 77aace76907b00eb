"""The Python API: `rxnews.Extractor` as the README shows it."""

import re
import subprocess
import sys

from conftest import ROOT


def readme_api_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Python API"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_api_readme_example_runs(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    exec(compile(readme_api_example(), "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("LBL-024 [") and "'first_patient_dosed'" in lines[0]
    assert [line.split()[0] for line in lines[1:]] == [
        "4b-technologies-4b02-01.txt", "biotroy-bt02.txt", "leads-biolabs.txt"]


def test_api_extractor_is_importable_from_the_package_lazily():
    code = ("import sys, rxnews; assert 'spacy' not in sys.modules; "
            "from rxnews import Extractor, Record; "
            "r = Extractor().extract('The FDA approved ACM-101.', source='x'); "
            "assert isinstance(r, Record) and r.drugs[0].name == 'ACM-101' and r.content_sha256 is None")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT / "src", timeout=120)
