"""House rules that import-linter does not check: an import inside a function is kept only for a heavy or
optional module, and says why on its line (anything else belongs at the top of its module)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "kcbridge"


def function_level_imports(path: Path) -> list[tuple[int, str]]:
    """(line number, line) of each import inside a function, outside `if TYPE_CHECKING:` blocks."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines()
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import | ast.ImportFrom) and in_function:
                found.append((child.lineno, lines[child.lineno - 1]))
            visit(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))

    visit(tree, False)
    return found


def test_every_import_inside_a_function_says_why() -> None:
    unexplained = [
        f"{path.relative_to(SRC.parent)}:{number}: {line.strip()}"
        for path in sorted(SRC.rglob("*.py"))
        for number, line in function_level_imports(path)
        if "#" not in line
    ]
    assert not unexplained, "imports inside functions without a reason:\n" + "\n".join(unexplained)


def test_the_check_finds_an_unexplained_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "import os\n\ndef f():\n    import json\n    import faiss  # heavy\n    return json, faiss\n",
        encoding="utf-8",
    )
    assert function_level_imports(module) == [(4, "    import json"), (5, "    import faiss  # heavy")]
