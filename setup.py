"""Build step: the sample reports in ``seeds/`` ship inside the package.

Everything else about the build is declared in ``pyproject.toml``. The five sample reports live
only in the top-level ``seeds/`` folder (the checkout reads them from there); a wheel has no such
folder, so ``build_py`` copies ``seeds/*.txt`` into ``vnreader/resources/seeds/`` of the build
tree, never into the source tree, where :func:`vnreader.core.seeds.seeds_dir` finds them. An
editable install keeps reading the checkout's ``seeds/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SEEDS = HERE / "seeds"
PACKAGED_SEEDS = Path("vnreader", "resources", "seeds")


class build_py_with_seeds(build_py):  # noqa: N801 (setuptools command naming)
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        seeds = sorted(SEEDS.glob("*.txt"))
        if not seeds:
            raise SystemExit(f"no sample reports in {SEEDS}: the wheel would ship without them")
        target = Path(self.build_lib) / PACKAGED_SEEDS
        shutil.rmtree(target, ignore_errors=True)  # a sample removed from seeds/ must not ship
        target.mkdir(parents=True)
        for seed in seeds:
            shutil.copyfile(seed, target / seed.name)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        if getattr(self, "editable_mode", False):
            return outputs
        target = Path(self.build_lib) / PACKAGED_SEEDS
        return outputs + [str(target / seed.name) for seed in sorted(SEEDS.glob("*.txt"))]


setup(cmdclass={"build_py": build_py_with_seeds})
