"""Writes the corpus of bad files in this folder from the valid pair in valid/.

Each bad file is the valid file with one mistake that real offices make (or
one attack), so the expected message points at a known line. Run it again
after changing valid/ (``python tests/bad/generate.py``) and update the line
numbers in tests/test_validate_corpus.py. Every edit must apply exactly
once, so a change in valid/ cannot silently leave a case unchanged.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
T = (HERE / "valid" / "targets.yaml").read_text(encoding="utf-8")
B = (HERE / "valid" / "baselines.csv").read_text(encoding="utf-8")


def edit(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def add_target(text: str, target: str) -> str:
    return edit(text, ("  - id: anshan-zone-rank-2025\n", target + "  - id: anshan-zone-rank-2025\n"))


HITECH = '''    indicator: hitech_firms
    kind: level
    comparator: ">="
    value: 600
'''
RD_GROWTH = '''    kind: growth_rate
    value: 9
    year: 2025
    base: {period: "2021"}
'''
CONTRACTS = '''  - id: anshan-contracts-2025
    region: anshan
    indicator: tech_contract_value
'''

BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
    for prev, name in zip("abcdefgh", "bcdefghi")
)

YAML_CASES = {
    # syntax
    "syntax_indent": edit(T, (HITECH, HITECH.replace("    kind: level", "     kind: level"))),
    "syntax_tab": edit(T, (HITECH, HITECH.replace("    kind: level", "\tkind: level"))),
    "syntax_unquoted_comparator": edit(T, (HITECH, HITECH.replace('">="', ">="))),
    "syntax_two_documents": T + "---\nregions: {}\n",
    "empty": "# nothing here yet\n",
    "not_a_mapping": "- anshan\n- linyi\n",
    # keys
    "typo_comparater": edit(T, (HITECH, HITECH.replace("comparator", "comparater"))),
    "own_key": edit(T, (HITECH, HITECH + "    responsible: 市科技局\n")),
    "duplicate_key": edit(T, (HITECH, HITECH + "    value: 650\n")),
    "missing_year": edit(T, ("    value: 25\n    year: 2025\n", "    value: 25\n")),
    "missing_section": edit(T, ("\nindicators:\n", "\nindicator:\n")),
    # values
    "unknown_kind": edit(T, ("    kind: share\n    value: 2\n", "    kind: shares\n    value: 2\n")),
    "unknown_comparator": edit(T, ('comparator: "<="', 'comparator: "=<<"')),
    "kind_NO": edit(T, (HITECH, HITECH.replace("kind: level", "kind: NO"))),
    "year_as_date": edit(T, (HITECH + "    year: 2025\n", HITECH + "    year: 2025-01-01\n")),
    "value_list": edit(T, (HITECH, HITECH.replace("value: 600", "value: [600]"))),
    "value_nan": edit(T, (HITECH, HITECH.replace("value: 600", "value: nan"))),
    "value_wrong_unit": edit(T, (CONTRACTS + "    kind: level\n    value: 20\n",
                                 CONTRACTS + "    kind: level\n    value: 20家\n")),
    "year_before_base": edit(T, (RD_GROWTH, RD_GROWTH.replace("year: 2025", "year: 2020"))),
    "year_before_issue": edit(T, (HITECH + "    year: 2025\n    milestones: {2024: 550}\n", HITECH + "    year: 2022\n")),
    "growth_minus_100": edit(T, (RD_GROWTH, RD_GROWTH.replace("value: 9", "value: -100"))),
    "milestones_bad": edit(T, ("milestones: {2024: 550}", "milestones: {2026: 550, 2023: 约500}")),
    # references
    "undefined_region": edit(T, (CONTRACTS, CONTRACTS.replace("region: anshan", "region: anshna"))),
    "undefined_indicator": edit(T, (CONTRACTS, CONTRACTS.replace("tech_contract_value", "tech_contract"))),
    "undefined_document": edit(T, ("{document: linyi-2023, quote: 研发投入实现翻番}",
                                   "{document: linyi-2033, quote: 研发投入实现翻番}")),
    "duplicate_id": edit(T, ("id: anshan-platforms-2025", "id: anshan-hitech-firms-2025")),
    "duplicate_region": edit(T, ("  linyi: {name: 临沂市", "  anshan: {name: 临沂市")),
    "alias_clash": edit(T, ("aliases: [临沂]", "aliases: [临沂, 鞍山]")),
    # warnings across targets
    "conflicting_targets": add_target(T, CONTRACTS.replace("2025", "2025-b") + (
        "    kind: level\n    value: 20.3\n    year: 2025\n"
        "    source: {document: anshan-talent-2023, quote: 技术合同成交额达到20.3亿元}\n")),
    "growth_level_conflict": add_target(T, (
        "  - id: anshan-rd-level-2025\n    region: anshan\n    indicator: rd_spending\n"
        "    kind: level\n    value: 30\n    year: 2025\n"
        "    source: {document: anshan-talent-2023, quote: 全社会研发投入总量突破30亿}\n")),
    # safety
    "alias_bomb": 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + BOMB
    + "regions:\n  anshan: {name: *i}\n",
    "python_tag": edit(T, (HITECH, HITECH.replace("value: 600", 'value: !!python/object/apply:os.system ["echo hi"]'))),
    "recursive_alias": "regions: &r\n  anshan: {name: 鞍山市, aliases: *r}\n",
    # a section kept as a CSV table, with a bad row in it
    "targets_table": edit(T, (T[T.index("targets:\n"):], "targets: targets_table.csv\n")),
}

TARGETS_TABLE = """id,region,indicator,kind,comparator,value,year,source_document
anshan-hitech-firms-2025,anshan,hitech_firms,level,>=,600,2025,anshan-talent-2023
anshan-contracts-2025,anshan,tech_contract_value,level,>=,20亿元,2025,anshan-talent-2023
linyi-hitech-firms-2027,linyi,hitech_firms,level,>,"2,300",2027,linyi-2023
linyi-rd-double-2027,linyi,rd_spending,multiple,>=,two,2027,linyi-2023
"""

ROW_473 = "anshan,hitech_firms,2022,473,家,"
ROW_CONTRACT = "anshan,tech_contract_value,2022,15.98,亿元,"
ROW_APRIL = "anshan,hitech_firms,2024-04,495,家,"
HEADER = "region,indicator,period,value,unit,source,provisional,note"

CSV_CASES = {
    "missing_column": "\n".join(",".join(c for j, c in enumerate(line.split(",")) if j != 2)
                                for line in B.splitlines()) + "\n",
    "misspelt_column": edit(B, (HEADER, HEADER.replace("value", "valeu", 1))),
    "duplicate_column": edit(B, (HEADER, HEADER.replace("note", "value"))),
    "value_unparsable": edit(B, (ROW_473, "anshan,hitech_firms,2022,四百七十三,家,")),
    "value_bad_grouping": edit(B, (ROW_473, 'anshan,hitech_firms,2022,"4,73",家,')),
    "value_unquoted_thousands": edit(B, ("linyi,hitech_firms,2022,1500,", "linyi,hitech_firms,2022,1,500,")),
    "value_infinite": edit(B, (ROW_473, "anshan,hitech_firms,2022,1e400,家,")),
    "value_unit_mismatch": edit(B, (ROW_473, "anshan,hitech_firms,2022,4.73亿元,家,")),
    "value_percent_in_money": edit(B, (ROW_CONTRACT, "anshan,tech_contract_value,2022,60%,亿元,")),
    "unit_not_convertible": edit(B, (ROW_CONTRACT, "anshan,tech_contract_value,2022,15.98,家,")),
    "unit_unknown": edit(B, (ROW_CONTRACT, "anshan,tech_contract_value,2022,15.98,亿美刀,")),
    "unknown_region": edit(B, (ROW_473, "anshn,hitech_firms,2022,473,家,")),
    "unknown_indicator": edit(B, (ROW_473, "anshan,hitech_firm,2022,473,家,")),
    "duplicate_different": B + "anshan,hitech_firms,2022,474,家,typo,,\n",
    "duplicate_same": B + "anshan,hitech_firms,2022,473,家,again,,\n",
    "duplicate_after_conversion": B + "anshan,tech_contract_value,2022,159800,万元,again,,\n",
    "period_slash": edit(B, (ROW_APRIL, "anshan,hitech_firms,2024/4,495,家,")),
    "period_month_13": edit(B, (ROW_APRIL, "anshan,hitech_firms,2024-13,495,家,")),
    "period_spreadsheet_number": edit(B, (ROW_473, "anshan,hitech_firms,2022.0,473,家,")),
    "period_ambiguous": edit(B, (ROW_APRIL, "anshan,hitech_firms,2024.1,495,家,")),
    "period_quarter": edit(B, (ROW_APRIL, "anshan,hitech_firms,2024Q1,495,家,")),
    "provisional_word": edit(B, ("linyi,new_tech_smes,2025-06,120,家,news,是,", "linyi,new_tech_smes,2025-06,120,家,news,maybe,")),
    "milestone_not_0_1": edit(B, ("anshan,park_done,2023,1,", "anshan,park_done,2023,2,")),
    "unclosed_quote": edit(B, (ROW_APRIL, 'anshan,hitech_firms,2024-04,"495,家,')),
    "empty": "",
    "many_bad_rows": B + "".join(f"anshan,hitech_firms,{1990 + i}-00,1,家,,,\n" for i in range(25)),
    "many_problems": edit(B, (ROW_473, "anshn,hitech_firms,2022,473,家,"),
                          (ROW_APRIL, "anshan,hitech_firms,2024/4,495,家,"),
                          (ROW_CONTRACT, "anshan,tech_contract_value,2022,15.98,家,")),
}

# Byte-level cases: how the file is saved, not what it says.
BYTE_CASES = {
    "utf16.csv": B.encode("utf-16"),
    "xlsx_renamed.csv": b"PK\x03\x04\x14\x00\x06\x00" + bytes(64),
    "control_chars.csv": B.encode("utf-8").replace(b"qianhuaweb", b"qianhua\x1bweb"),
}

# Files that look odd but say one thing only: they must load, with exact values.
OK_CASES = {
    "ok_gbk.csv": edit(B, (HEADER, "地区,指标,期间,数值,单位,来源,初步,备注")).encode("gbk"),
    "ok_gb18030_crlf.csv": B.replace("\n", "\r\n").encode("gb18030"),
    "ok_utf8_bom_crlf.csv": B.replace("\n", "\r\n").encode("utf-8-sig"),
    "ok_number_forms.csv": edit(
        B,
        ("linyi,hitech_firms,2022,1500,", 'linyi,hitech_firms,2022,"1,500",'),
        (ROW_CONTRACT, "anshan,tech_contract_value,2022,１５.９８亿,亿元,"),
        ("anshan,tech_contract_value,2023,17.2,亿元,", "anshan,tech_contract_value,2023,172000万元,,"),
        ("anshan,rd_intensity,2022,1.5,%,", "anshan,rd_intensity,2022,1.5%,%,"),
        ("linyi,new_tech_smes,2024,230,家,news,,", "linyi,new_tech_smes,2024,约230,家,news,,"),
        ("anshan,hitech_firms,2024-04,495,家,", "鞍山,高企,2024-04,４９５家,,"),
        ("linyi,rd_spending,2024,146.6,亿元,", "linyi,rd_spending,2024,1466000,万元,"),
    ).encode("utf-8"),
}


def main() -> None:
    for name, text in YAML_CASES.items():
        (HERE / f"{name}.yaml").write_text(text, encoding="utf-8")
    (HERE / "targets_table.csv").write_text(TARGETS_TABLE, encoding="utf-8")
    for name, text in CSV_CASES.items():
        (HERE / f"{name}.csv").write_text(text, encoding="utf-8")
    for name, data in {**BYTE_CASES, **OK_CASES}.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
