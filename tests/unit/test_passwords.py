"""Password rules: minimum length, the shipped common-password list, padding, the email name."""

from __future__ import annotations

import pytest

from portal.passwords import MIN_LENGTH, PasswordRejected, check_password_rules, common_passwords


def test_the_list_is_shipped_and_large() -> None:
    assert len(common_passwords()) > 5000
    assert all(len(p) >= MIN_LENGTH and p == p.lower() for p in common_passwords())


@pytest.mark.parametrize(
    ("password", "fragment"),
    [
        ("short", "at least 12"),
        ("Password2024!", "common"),
        ("qwertyuiop12", "common"),
        ("Westmidlands1", "common"),
        ("111111111111", "common"),
        ("!!Letmein2023", "common"),
        ("aaaaaaaaaaaaaaab", "too few"),
        ("gold.marac2024", "email"),
    ],
)
def test_weak_passwords_are_refused_with_a_clear_message(password: str, fragment: str) -> None:
    with pytest.raises(PasswordRejected, match=fragment):
        check_password_rules(password, email="gold.marac@portal.example")


@pytest.mark.parametrize("password", ["correct horse battery", "Tr0ub4dor&3xq", "violet-kettle-harbour"])
def test_strong_passwords_pass(password: str) -> None:
    check_password_rules(password, email="gold.marac@portal.example")
