"""Runs one function of a Pulumi Python program as an Automation API inline program, one engine
operation per request, for tests/engine/languages.test.ts.

The program file is a user's ``__main__.py``: it is loaded under another module name, so its
``if __name__ == "__main__":`` line does not run, and its function is handed to
``pulumi.automation`` as the inline program (the language runtime then runs in this process, and the
real ``pulumi`` CLI on PATH needs no Python language host).

Requests are JSON lines on stdin, answers JSON lines on stdout (the program's own prints go to stderr):

    {"op": "setConfig", "config": {"<key>": {"value": "...", "secret": true}}}
    {"op": "up"} | {"op": "preview", "expectNoChanges": true} | {"op": "previewRefresh", "expectNoChanges": true}
    {"op": "destroy"} | {"op": "outputs"} | {"op": "remove"}

Each answer is {"ok": true|false, "output": <what the CLI printed>, "error": <on failure>, ...}; the
first line, once the stack is selected, is {"ready": true}.
"""

import argparse
import importlib.util
import json
import os
import sys
from typing import Any, Callable, Dict, List

from pulumi import automation as auto


def load_function(path: str, name: str) -> Callable[[], None]:
    spec = importlib.util.spec_from_file_location("wickr_program", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"driver: cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    function: Callable[[], None] = getattr(module, name)
    return function


def main() -> None:
    parser = argparse.ArgumentParser()
    for flag in ("--program", "--function", "--project", "--stack", "--work-dir"):
        parser.add_argument(flag, required=True)
    args = parser.parse_args()

    # Answers go to the real stdout; anything else printed in this process goes to stderr.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1)
    sys.stdout = sys.stderr

    def answer(message: Dict[str, Any]) -> None:
        answers.write(json.dumps(message) + "\n")

    stack = auto.create_or_select_stack(
        stack_name=args.stack,
        project_name=args.project,
        program=load_function(args.program, args.function),
        # No project settings: the work folder's Pulumi.yaml (the example's, naming the plugin) is used.
        opts=auto.LocalWorkspaceOptions(work_dir=args.work_dir),
    )
    answer({"ready": True})

    for line in sys.stdin:
        request = json.loads(line)
        op = request["op"]
        printed: List[str] = []
        on_output = printed.append
        expect_no_changes = bool(request.get("expectNoChanges", False))
        result: Dict[str, Any] = {}
        try:
            if op == "setConfig":
                stack.set_all_config(
                    {
                        key: auto.ConfigValue(value=item["value"], secret=bool(item.get("secret", False)))
                        for key, item in request["config"].items()
                    }
                )
            elif op == "up":
                up = stack.up(on_output=on_output)
                result["resourceChanges"] = up.summary.resource_changes
            elif op == "preview":
                preview = stack.preview(expect_no_changes=expect_no_changes, on_output=on_output)
                result["changeSummary"] = preview.change_summary
            elif op == "previewRefresh":
                refresh = stack.preview_refresh(expect_no_changes=expect_no_changes, on_output=on_output)
                result["changeSummary"] = refresh.change_summary
            elif op == "destroy":
                stack.destroy(on_output=on_output)
            elif op == "outputs":
                result["outputs"] = {
                    key: {"value": item.value, "secret": item.secret} for key, item in stack.outputs().items()
                }
            elif op == "remove":
                stack.workspace.remove_stack(args.stack, force=True)
            else:
                raise ValueError(f"unknown op {op!r}")
            answer({"ok": True, "output": "\n".join(printed), **result})
        except Exception as error:  # the CLI's failure (auto.CommandError) or the driver's
            answer({"ok": False, "output": "\n".join(printed), "error": f"{type(error).__name__}: {error}"})


if __name__ == "__main__":
    main()
