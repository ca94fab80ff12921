"""The rules ship inside the wheel: an installed snaug (not a checkout) must find them."""
import subprocess
import sys
import zipfile

from conftest import ROOT


def test_wheel_contains_the_rules(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("snaug-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.name for p in (ROOT / "rules").glob("*.toml")}
    assert shipped and {f"snaug/_rules/{name}" for name in shipped} <= names
    assert "snaug/rules.py" in names and "snaug/io/schema.py" in names
