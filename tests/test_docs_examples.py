"""The documentation's Python examples run as tests (docs/index.md, "About these docs").

Every ```python block of a page in docs/ (except the generated rules.md and coverage.md) is run,
in page order, in one namespace per page: a later block sees the names an earlier one defined.
The working directory is a fresh temporary directory that holds links to the repository's
``examples/`` and ``rules/``, so a page's paths read as they would from the root of a checkout,
and files an example writes land in the temporary directory. The directory of the running Python
comes first on ``PATH``, so an example that runs the ``lovfrist`` command runs this checkout's.

- A block fenced as ```python no-run, or preceded by the line ``<!-- no-run -->``, is not run.
- ``<!-- docs-requires: pandas pyarrow -->`` says that the page's blocks from there on need those
  packages: where one is not installed, the blocks before it still run and the rest of the page is
  skipped, naming the package.

A failing block is reported with the page's own line numbers.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
#: Written by ``lovfrist rules docs``; they hold no Python.
GENERATED = frozenset({"rules.md", "coverage.md"})
#: Linked into the working directory of every page's examples.
LINKED = ("examples", "rules")

#: Pages whose examples are known to fail, with the fix the page needs. Strict: once the page is
#: fixed the test fails until its entry is removed here.
KNOWN_BROKEN: dict[str, str] = {}

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_REQUIRES = re.compile(r"<!--\s*docs-requires:(?P<names>[^>]*?)-->")
_NO_RUN = re.compile(r"^\s*<!--\s*no-run\s*-->\s*$")
_PYTHON = frozenset({"python", "py", "python3"})


@dataclass(frozen=True)
class Block:
    """One fenced Python block of a page.

    ``line`` is the 1-based line of the block's first line of code; ``requires`` the packages the
    page declared before the block.
    """

    line: int
    code: str
    run: bool
    requires: tuple[str, ...]


def _language(info: str) -> tuple[str, list[str]]:
    """The language of a fence's info string and the words after it.

    MyST's directive form (```{code-block} python) names the language after the directive.
    """
    words = info.split()
    if words and words[0] in ("{code-block}", "{code}", "{sourcecode}"):
        words = words[1:]
    if not words:
        return "", []
    return words[0].lower(), words[1:]


def python_blocks(text: str) -> Iterator[Block]:
    """Yield the fenced Python blocks of a Markdown page, in order (CommonMark fences)."""
    lines = text.splitlines()
    requires: list[str] = []
    previous = ""  # the last non-blank line outside a fence
    i = 0
    while i < len(lines):
        line = lines[i]
        opening = _FENCE.match(line)
        if opening is None or ("`" in opening["info"] and opening["fence"][0] == "`"):
            for match in _REQUIRES.finditer(line):
                requires.extend(n for n in match["names"].split() if n not in requires)
            if line.strip():
                previous = line
            i += 1
            continue
        fence = opening["fence"]
        language, flags = _language(opening["info"])
        body: list[str] = []
        i += 1
        while i < len(lines):
            closing = _FENCE.match(lines[i])
            if (
                closing is not None
                and closing["fence"][0] == fence[0]
                and len(closing["fence"]) >= len(fence)
                and not closing["info"].strip()
            ):
                break
            body.append(lines[i])
            i += 1
        start = i - len(body) + 1  # 1-based line of the first line of code
        i += 1  # past the closing fence (or the end of the page: an unclosed block ends there)
        if language in _PYTHON:
            indent = len(opening["indent"])
            code = "\n".join(b[indent:] if b[:indent].isspace() else b for b in body)
            run = "no-run" not in flags and _NO_RUN.match(previous) is None
            yield Block(start, code + "\n", run, tuple(requires))
        previous = line


def _pages() -> list[Path]:
    return [
        page
        for page in sorted(DOCS.glob("*.md"))
        if page.name not in GENERATED and any(python_blocks(page.read_text(encoding="utf-8")))
    ]


def _param(page: Path) -> object:
    marks = []
    if page.name in KNOWN_BROKEN:
        marks.append(pytest.mark.xfail(reason=KNOWN_BROKEN[page.name], strict=True))
    return pytest.param(page, id=page.name, marks=marks)


def _link(target: Path, link: Path) -> None:
    try:
        link.symlink_to(target, target_is_directory=True)
    except OSError:  # no symlinks here (Windows without the privilege): copy instead
        shutil.copytree(target, link)


@pytest.mark.parametrize("page", [_param(p) for p in _pages()])
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = list(python_blocks(page.read_text(encoding="utf-8")))
    runnable = [b for b in blocks if b.run]
    if not runnable:
        pytest.skip(f"{page.name}: every Python block is marked no-run")
    for name in LINKED:
        _link(REPO / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    bindir = str(Path(sys.executable).parent)
    monkeypatch.setenv("PATH", bindir + os.pathsep + os.environ.get("PATH", ""))
    namespace: dict[str, object] = {"__name__": "__main__"}
    ran = 0
    for block in runnable:
        for package in block.requires:
            pytest.importorskip(
                package,
                reason=(
                    f"{page.name}:{block.line} and after need {package} (declared by the page); "
                    f"{ran} block(s) before it passed"
                ),
            )
        # Pad with blank lines so that a traceback names the page's own line numbers.
        code = compile("\n" * (block.line - 1) + block.code, str(page), "exec")
        exec(code, namespace)
        ran += 1
    assert ran == len(runnable)


# --- the collector itself ---------------------------------------------------------------------

_SAMPLE = """\
# A page

<!-- docs-requires: json -->

```python
x = 1
```

````markdown
```python
not = "a block of the page: it is inside a four-backtick fence"
```
````

<!-- no-run -->
```python
raise SystemExit("not run")
```

```python no-run
raise SystemExit("not run either")
```

```sh
lovfrist check case.json
```

<!-- docs-requires: pandas -->
  ```py
  y = x + 1
  ```
"""


def test_collector_finds_python_blocks_flags_and_declarations() -> None:
    blocks = list(python_blocks(_SAMPLE))
    assert [(b.line, b.run, b.requires) for b in blocks] == [
        (6, True, ("json",)),
        (17, False, ("json",)),
        (21, False, ("json",)),
        (30, True, ("json", "pandas")),
    ]
    assert blocks[0].code == "x = 1\n"
    assert blocks[3].code == "y = x + 1\n"  # the list-item indentation is removed


def test_collector_reads_myst_code_block_directive_and_unclosed_fence() -> None:
    text = "```{code-block} python\nz = 3\n```\n\n```python\nw = 4\n"
    assert [(b.line, b.code) for b in python_blocks(text)] == [(2, "z = 3\n"), (6, "w = 4\n")]


def test_every_page_with_examples_is_collected_and_generated_pages_are_not() -> None:
    names = {p.name for p in _pages()}
    assert not names & GENERATED
    assert set(KNOWN_BROKEN) <= names, "an entry of KNOWN_BROKEN names a page without examples"
    for page in DOCS.glob("*.md"):
        if page.name not in GENERATED and "```python" in page.read_text(encoding="utf-8"):
            assert page.name in names
