"""Sphinx configuration of lovfrist's documentation site (``docs/build.sh OUTDIR`` builds it).

The pages are Markdown read by MyST (through myst-nb, which also renders the tutorial notebook
from its stored outputs without executing it); the API reference is autodoc on the docstrings.
The build runs with warnings as errors (``-W --keep-going``), so a broken cross-reference, an
unknown code-block language or a missing page fails CI.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
# Build from the checkout even where the package is not installed (it is, in CI: editable).
sys.path.insert(0, str(ROOT / "src"))

import lovfrist  # noqa: E402 - after the path is set

project = "lovfrist"
author = "The lovfrist team"
copyright = "The lovfrist team, MIT licence"
version = release = lovfrist.__version__
language = "en"

extensions = [
    "myst_nb",  # MyST Markdown pages and .ipynb notebooks (includes myst_parser)
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
]

# What is a page: Markdown and notebooks (myst-nb registers .md and .ipynb). The JSON Schemas are
# copied as they are (below); the build script and this file are not pages.
exclude_patterns = ["_build", "build.sh", "**/.ipynb_checkpoints", "*.json"]
root_doc = "index"

# Published as files at the site's root, so integrators can fetch /case.schema.json.
html_extra_path = ["case.schema.json", "report.schema.json"]

# --- MyST -----------------------------------------------------------------------------------
# The pages link to their own headings GitHub-style ([text](#missing-values-undetermined-...)):
# anchors for headings down to level 4 make those links resolve (and checked) in Sphinx too.
myst_heading_anchors = 4
myst_enable_extensions = ["colon_fence", "deflist"]
# ```python no-run marks a Markdown example that tests/test_docs_examples.py does not execute;
# the word after the language is MyST's directive argument, which the code-block ignores.

# --- notebooks ------------------------------------------------------------------------------
# CI executes docs/tutorial.ipynb separately; the site shows the outputs stored in the file.
nb_execution_mode = "off"
nb_merge_streams = True

# --- autodoc --------------------------------------------------------------------------------
autodoc_default_options: dict[str, Any] = {
    "members": True,
    "undoc-members": True,
    "member-order": "bysource",
    "show-inheritance": True,
    # pydantic's settings, and the enum machinery, are not lovfrist's API.
    "exclude-members": "model_config, __new__",
}
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True
# pydantic models: their fields are documented by their own docstrings; pydantic's machinery is
# not part of lovfrist's API.
autodoc_inherit_docstrings = False
add_module_names = False
python_display_short_literal_types = True

# --- HTML -----------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"lovfrist {release}"
html_static_path: list[str] = []
html_show_sourcelink = True
pygments_style = "default"


def _jsonc_lexer() -> Any:
    """JSON with // comments and … placeholders: how docs/report.md annotates a report.

    Pygments has no lexer named ``jsonc``; its JSON lexer reads // comments, and the ellipsis a
    page writes for "elided" is shown as a placeholder instead of failing the build.
    """
    from typing import ClassVar

    from pygments.lexers.data import JsonLexer  # type: ignore[import-untyped]
    from pygments.token import Error, Generic  # type: ignore[import-untyped]

    class JsoncLexer(JsonLexer):  # type: ignore[misc]
        name = "JSON with comments"
        aliases: ClassVar[list[str]] = ["jsonc"]

        def get_tokens_unprocessed(self, text: str) -> Any:
            for index, token, value in super().get_tokens_unprocessed(text):
                yield index, (Generic.Emph if token is Error and value == "…" else token), value

    return JsoncLexer


# --- each object documented once --------------------------------------------------------------
# docs/api.md documents the package's own names (lovfrist.__all__) first, then the modules. A
# module's section leaves out what the package re-exports, says where it is, and the reference
# resolves there (autodoc records lovfrist.batch.CaseResult as the canonical name of
# lovfrist.CaseResult).
_EXPORTED = {id(getattr(lovfrist, name)): name for name in lovfrist.__all__ if name[0] != "_"}
_current_module: list[str] = [""]


def _note_reexports(
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    if what != "module":
        return
    _current_module[0] = name
    if name == "lovfrist":
        return
    shared = [
        _EXPORTED[id(getattr(obj, member))]
        for member in getattr(obj, "__all__", ())
        if id(getattr(obj, member, None)) in _EXPORTED
    ]
    if shared:
        refs = ", ".join(f":obj:`lovfrist.{n}`" for n in shared)
        lines.extend(["", f"Also defined here, documented under :mod:`lovfrist`: {refs}.", ""])


def _skip_reexports(app: Any, what: str, name: str, obj: Any, skip: bool, options: Any) -> Any:
    if what == "module" and _current_module[0] != "lovfrist" and id(obj) in _EXPORTED:
        return True
    return None


def _resolve_reexports(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve ``lovfrist.inputs.read_cases`` (a function's defining module) to the package name
    it is documented under, ``lovfrist.read_cases``; classes need no help (``:canonical:``)."""
    import importlib

    if node.get("refdomain") != "py":
        return None
    target = str(node["reftarget"])
    module, _, name = target.rpartition(".")
    if name not in lovfrist.__all__ or module == "lovfrist":
        return None
    if module:  # a bare name is tried as the package's
        try:
            same = getattr(importlib.import_module(module), name, None) is getattr(lovfrist, name)
        except ImportError:
            return None
        if not same:
            return None
    py = env.get_domain("py")
    return py.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], f"lovfrist.{name}", node, contnode
    )


def _model_signature(
    app: Any, what: str, name: str, obj: Any, options: Any, signature: Any, annotation: Any
) -> Any:
    """No constructor signature for pydantic models: pydantic's generated one spells out every
    field's validators, and models are built with ``from_dict``/``model_validate`` anyway (their
    fields are listed below the class)."""
    from pydantic import BaseModel

    if what == "class" and isinstance(obj, type) and issubclass(obj, BaseModel):
        return "", annotation
    return None


def setup(app: Any) -> None:
    app.add_lexer("jsonc", _jsonc_lexer())
    app.connect("autodoc-process-docstring", _note_reexports)
    app.connect("autodoc-skip-member", _skip_reexports)
    app.connect("missing-reference", _resolve_reexports)
    app.connect("autodoc-process-signature", _model_signature)
