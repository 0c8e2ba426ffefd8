import pytest

from nnbook.site.tables import markdown_table


def test_table_formats_floats_and_other_cells():
    text = markdown_table(["name", "value", "n"], [["a", 0.12345, 3], ["b", 1.0, 10]])
    assert text.splitlines() == [
        "| name | value | n |",
        "| --- | --- | --- |",
        "| a | 0.123 | 3 |",
        "| b | 1.000 | 10 |",
    ]


@pytest.mark.parametrize(
    "header, rows, match",
    [([], [], "header"), (["a", "b"], [[1]], "row 0 has 1 cells"), (["a"], [["x|y"]], r"'\|'")],
)
def test_bad_tables_raise(header, rows, match):
    with pytest.raises(ValueError, match=match):
        markdown_table(header, rows)
