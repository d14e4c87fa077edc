"""An office's own workspace: ``policygap.yaml`` naming its targets file and
its figures, found in the current directory before the embedded data.

::

    # policygap.yaml
    targets: targets.yaml
    baselines:            # one file, or a list; a folder means its .csv/.xlsx files
      - baselines.csv
      - 填报表/

Paths are relative to policygap.yaml. ``policygap init [DIR]`` writes one,
with an editable copy of the embedded data (or an empty skeleton) and a
README saying what to edit.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PolicygapError, Problem
from .i18n import _

WORKSPACE_FILE = "policygap.yaml"
FORMS_FOLDER = "填报"
KEYS = ("targets", "baselines")


@dataclass
class Workspace:
    path: Path  # the policygap.yaml
    targets: Path | None
    baselines: list[Path]
    lines: dict = field(default_factory=dict)  # each path named -> (line, column) where it is named

    def missing(self, named: list[Path]) -> list[Problem]:
        """A file or folder named here that is not there: said as this file's
        mistake (nope.yaml alone would not say where the name came from)."""
        out = []
        for p in named:
            if not os.path.lexists(p):
                line, col = self.lines.get(p, (None, None))
                key = "targets" if p == self.targets else "baselines"
                out.append(Problem(str(self.path), line, key, _("names {file}, which does not exist").format(
                    file=str(p)), col=col))
        return out


def find(directory: Path | None = None) -> Workspace | None:
    """The workspace of ``directory`` (default: the current one), if any."""
    path = (directory or Path(".")) / WORKSPACE_FILE  # relative: messages stay short
    if not path.is_file():
        return None
    return read(path)


def read(path: Path) -> Workspace:
    """Read policygap.yaml; every problem names the file and line."""
    from .targets_file import _compose  # plain nodes, no object construction
    from .textio import decode, read_bytes

    text, _enc = decode(read_bytes(path, limit=1 << 20), path)
    root = _compose(text, str(path))
    if root is None or root.kind != "mapping":
        raise PolicygapError(problems=[Problem(str(path), 1, "", _(
            "a workspace file is a mapping: targets: FILE, baselines: [FILE or FOLDER, ...]"))])
    targets, baselines, problems, lines = None, [], [], {}
    base = path.parent
    for k, v in root.items:
        key = k.value
        if key not in KEYS:
            problems.append(Problem(str(path), k.line, str(key), _("unknown key; a workspace names targets "
                                                                   "and baselines"), col=k.col))
        elif key == "targets":
            if v.kind != "scalar" or not v.value:
                problems.append(Problem(str(path), v.line, "targets", _("must name one YAML file"), col=v.col))
            else:
                targets = base / v.value
                lines[targets] = (v.line, v.col)
        else:
            items = [v] if v.kind == "scalar" else v.items if v.kind == "list" else None
            if items is None or any(i.kind != "scalar" or not i.value for i in items):
                problems.append(Problem(str(path), v.line, "baselines",
                                        _("must name a file or folder, or a list of them"), col=v.col))
            else:
                baselines = [base / i.value for i in items]
                lines.update({base / i.value: (i.line, i.col) for i in items})
    if problems:
        raise PolicygapError(problems=problems)
    return Workspace(path, targets, baselines, lines)


# --------------------------------------------------------------------------
# policygap init

EMPTY_TARGETS = """\
# {heading}
regions:
  myregion: {name: 某某市, aliases: [某某]}

indicators:
  hitech_firms: {name: 高新技术企业数量, unit: 家, measure: stock}

documents:
  my-plan-2024: {region: myregion, title: 某某市科技创新行动方案, issued: "2024-03-01"}

# {units}
units:
  市科技局: {aliases: [科技局, 市科学技术局]}

targets:
  - id: myregion-hitech-firms-2026
    region: myregion
    indicator: hitech_firms
    kind: level
    comparator: ">="
    value: 300
    year: 2026
    lead: 市科技局
    units: [市科技局]
    source: {document: my-plan-2024, clause: 一(二), quote: 高新技术企业达到300家}
"""

EMPTY_BASELINES = """\
region,indicator,period,value,unit,source,provisional
myregion,hitech_firms,2023,210,家,2023年统计公报,
"""

README = """\
# policygap workspace

policygap reads the files named in policygap.yaml whenever it runs in this
folder (a --targets/--baselines flag or the POLICYGAP_TARGETS /
POLICYGAP_BASELINES variables still win).

What to edit:

- {targets}: regions, indicators (name, unit, measure: stock or flow),
  documents (with issued:), and the targets, each with the sentence it came
  from and, where the document names them, lead: (牵头单位) and units:
  (责任单位).
- {baselines}: one figure a row: region,indicator,period,value (unit,
  source, provisional optional). Keep it in Excel or WPS if you like: save as
  CSV, or list an .xlsx file in policygap.yaml instead.
- 填报/: put the collection forms departments return here, as they are
  (policygap template writes them); every .csv and .xlsx in it is read.
- policygap.yaml: add files or folders under baselines: as figures arrive
  (last year's 台账, the bulletin figures); all are read as one set. The
  same figure in two files is fine; two different values for one period are
  an error naming both, unless one row says revised (a revised column: 是).

Then:

    policygap validate                 # every problem, file:line: field: message
    policygap status {region}
    policygap template {region} --period 2025-06 -o 填报表.xlsx   # the form departments fill
"""


README_ZH = """\
# policygap 工作目录

在本文件夹中运行 policygap 时，读取 policygap.yaml 中列出的文件（命令行的
--targets/--baselines 或环境变量 POLICYGAP_TARGETS / POLICYGAP_BASELINES 优先）。

需要编辑的文件：

- {targets}：地区、指标（名称、单位、measure: stock 存量 或 flow 流量）、
  文件（写明 issued: 发文日期）和目标；每个目标附上原文句子，文件写明时
  再填 lead:（牵头单位）和 units:（责任单位）。
- {baselines}：每行一个数据：region,indicator,period,value（unit、source、
  provisional 可选）。可以用 Excel 或 WPS 维护：另存为 CSV，或在
  policygap.yaml 中直接列出 .xlsx 文件。
- 填报/：各部门交回的填报表原样放在这里（由 policygap template 生成）；
  其中的每个 .csv 和 .xlsx 都会读入。
- policygap.yaml：数据陆续到来时，在 baselines: 下添加文件或文件夹（上年
  台账、统计公报数据等），全部合为一套读入。同一数据出现在两个文件中没有
  问题；同一时期两个不同的值会报错并指出两处，除非其中一行标明修订
  （revised 列填“是”）。

然后运行：

    policygap validate                 # 列出所有问题：文件:行: 字段: 说明
    policygap status {region}
    policygap template {region} --period 2025-06 -o 填报表.xlsx   # 各部门填写的填报表
"""

# Comments written into the files, in the language policygap speaks.
_COMMENTS = {
    "zh": {"heading": "本地区各文件的目标。每一节都需要；见 README.md。",
           "units": "责任单位及其别称（可选），供 --unit 使用。",
           "workspace": "policygap 工作目录：在本文件夹运行的每个命令都读这些文件",
           "baselines": "文件或文件夹（其中所有 .csv 和 .xlsx），合为一套读入",
           "forms": "交回的填报表（policygap template）"},
    "en": {"heading": "The targets of your documents. Every section is needed; see README.md.",
           "units": "Departments and the other names they go by (optional), for --unit.",
           "workspace": "policygap workspace: the files every command reads in this folder",
           "baselines": "files or folders (all their .csv and .xlsx), read as one set",
           "forms": "returned collection forms (policygap template)"},
}


def init(directory: Path, empty: bool = False, force: bool = False) -> list[Path]:
    """Write the workspace into ``directory``; return the files written.
    An existing workspace is left alone unless ``force``."""
    from .dataset import embedded_path
    from .textio import atomic_write_bytes

    directory = Path(directory)
    forms = directory / FORMS_FOLDER
    from .i18n import language

    lang = "zh" if language() == "zh" else "en"
    words = _COMMENTS[lang]
    files = {
        WORKSPACE_FILE: None,
        # (YAML's own braces rule out str.format here)
        "targets.yaml": EMPTY_TARGETS.replace("{heading}", words["heading"]).replace("{units}", words["units"]) if empty
        else embedded_path("targets.yaml").read_text(encoding="utf-8"),
        "baselines.csv": EMPTY_BASELINES if empty else embedded_path("baselines.csv").read_text(encoding="utf-8"),
        "README.md": None,
    }
    existing = [name for name in files if (directory / name).exists()]
    if existing and not force:
        raise PolicygapError(problems=[Problem(str(directory / name), None, "", _(
            "already exists; policygap init leaves an existing workspace alone (--force to overwrite)"))
            for name in existing])
    if directory.exists() and not directory.is_dir():
        raise PolicygapError(problems=[Problem(str(directory), None, "", _("is not a folder"))])
    directory.mkdir(parents=True, exist_ok=True)
    forms.mkdir(exist_ok=True)
    files[WORKSPACE_FILE] = (f"# {words['workspace']}\n"
                             "targets: targets.yaml\n"
                             f"baselines:            # {words['baselines']}\n"
                             "  - baselines.csv\n"
                             f"  - {FORMS_FOLDER}/             # {words['forms']}\n")
    files["README.md"] = (README_ZH if lang == "zh" else README).format(
        targets="targets.yaml", baselines="baselines.csv", region="myregion" if empty else "anshan")
    written = []
    for name, text in files.items():
        atomic_write_bytes(directory / name, text.encode("utf-8"))
        written.append(directory / name)
    return written
