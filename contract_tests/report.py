"""The divergence report: one row per documented operation (agrees / diverges / not exercised),
with the first differing JSON path and the request that showed it; written as JSON and Markdown."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

AGREES, DIVERGES, NOT_EXERCISED = "agrees", "diverges", "not exercised"


class Report:
    def __init__(self, provider: str, target: str, operations: dict[str, dict]):
        self.provider, self.target = provider, target
        self.operations = operations  # operationId -> {method, path, entry}
        self.calls: dict[str, int] = {}
        self.statuses: dict[str, set] = {}  # operation -> HTTP statuses seen (was a success checked?)
        self.divergences: dict[str, dict] = {}  # the first one per operation
        self.withheld: dict[str, str] = {}  # operation -> why the suite did not send it

    def exercised(self, op: str, status: int) -> None:
        self.calls[op] = self.calls.get(op, 0) + 1
        self.statuses.setdefault(op, set()).add(status)

    def diverged(self, op: str, where: str, message: str, request: dict, status: Optional[int]) -> None:
        self.divergences.setdefault(op, {"path": where, "message": message, "request": request, "status": status})

    def withhold(self, op: str, why: str) -> None:
        self.withheld.setdefault(op, why)

    def rows(self) -> list[dict]:
        out = []
        for op, info in sorted(self.operations.items()):
            entry = info["entry"]
            row: dict[str, Any] = {"operation": op, "method": info["method"], "path": info["path"],
                                   "class": entry.get("x-operation-class"), "provenance": entry.get("x-provenance"),
                                   "calls": self.calls.get(op, 0), "statuses": sorted(self.statuses.get(op, ()))}
            if op in self.divergences:
                d = self.divergences[op]
                row.update(result=DIVERGES, firstDifference=d["path"], detail=d["message"], status=d["status"],
                           request=d["request"])
            elif self.calls.get(op):
                row["result"] = AGREES
                if not any(200 <= s < 300 for s in row["statuses"]):
                    why = f" ({self.withheld[op]})" if op in self.withheld else ""
                    row["detail"] = "errors only: no success was checked" + why
            else:
                row["result"] = NOT_EXERCISED
                if op in self.withheld:
                    row["detail"] = self.withheld[op]
            out.append(row)
        return out

    def write(self, directory: Path) -> tuple[Path, Path]:
        directory.mkdir(parents=True, exist_ok=True)
        rows = self.rows()
        counts = {k: sum(1 for r in rows if r["result"] == k) for k in (AGREES, DIVERGES, NOT_EXERCISED)}
        data = {"provider": self.provider, "target": self.target, "summary": counts, "operations": rows}
        json_path = directory / f"contract-report-{self.provider}.json"
        md_path = directory / f"contract-report-{self.provider}.md"
        json_path.write_text(json.dumps(data, indent=2))
        md_path.write_text(self._markdown(rows, counts))
        return json_path, md_path

    def _markdown(self, rows: list[dict], counts: dict) -> str:
        lines = [f"# Contract report: {self.provider}", "", f"Target: `{self.target}`", "",
                 f"{counts[AGREES]} agree, {counts[DIVERGES]} diverge, {counts[NOT_EXERCISED]} not exercised.", "",
                 "| operation | method | path | class | result | statuses | first difference / note | request |",
                 "|---|---|---|---|---|---|---|---|"]
        for r in rows:
            diff = f"`{r['firstDifference']}`: {r['detail']}" if r["result"] == DIVERGES else r.get("detail", "")
            request = ""
            if r["result"] == DIVERGES:
                q = r["request"]
                request = f"`{q['method']} {q['url']}`" + (f" body `{json.dumps(q['body'])}`" if q.get("body")
                                                           is not None else "")
            lines.append(f"| {r['operation']} | {r['method']} | {r['path']} | {r['class']} | {r['result']} | "
                         f"{', '.join(map(str, r['statuses']))} | "
                         f"{_cell(diff)} | {_cell(request)} |")
        return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= 300 else text[:297] + "..."
