"""Recovery codes: ten of them, 60 random bits each, read whatever the case, dashes or look-alikes."""
import re

from auth.second_factors import recovery_codes


def test_ten_different_codes_in_three_groups_of_four():
    codes = recovery_codes.new_codes()

    assert len(codes) == 10 == len(set(codes))
    assert all(re.fullmatch(r"[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}", code) for code in codes)


def test_codes_have_no_look_alike_characters():
    characters = set("".join(code for _ in range(50) for code in recovery_codes.new_codes()).replace("-", ""))

    assert not characters & set("ilou")


def test_case_dashes_and_spaces_do_not_matter():
    hashes = {recovery_codes.code_hash(code) for code in ("ab2c-d3ef-4ghj", "AB2CD3EF4GHJ", " ab2c d3ef 4ghj ")}

    assert len(hashes) == 1


def test_look_alikes_read_as_the_characters_they_look_like():
    assert recovery_codes.normalize("O0Il-1lio") == "00111110"


def test_only_a_hash_is_kept():
    assert recovery_codes.code_hash("ab2c-d3ef-4ghj") != "ab2cd3ef4ghj"
    assert len(recovery_codes.code_hash("ab2c-d3ef-4ghj")) == 64
