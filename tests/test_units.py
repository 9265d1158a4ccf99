import pytest

from llm_advisor.units import fmt_count, fmt_usd, parse_count


@pytest.mark.parametrize(
    "text,expected",
    [
        ("50M", 50_000_000),
        ("2.5B", 2_500_000_000),
        ("800k", 800_000),
        ("128_000", 128_000),
        ("1,000", 1_000),
        ("10m", 10_000_000),
        (" 3 ", 3),
        ("1M tokens", 1_000_000),
        (42, 42),
    ],
)
def test_parse_count(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("bad", ["", "abc", "-5", "5X", "1e400", "M", True, -1, float("nan")])
def test_parse_count_rejects(bad):
    with pytest.raises(ValueError):
        parse_count(bad)


def test_formatting():
    assert fmt_count(50_000_000) == "50M"
    assert fmt_count(128_000) == "128k"
    assert fmt_count(1_048_576) == "1M"
    assert fmt_count(131_072) == "128k"
    assert fmt_count(1_050_000) == "1.05M"
    assert fmt_count(None) == "—"
    assert fmt_usd(1234.5) == "$1,234"
    assert fmt_usd(12.5) == "$12.50"
    assert fmt_usd(0) == "$0"
