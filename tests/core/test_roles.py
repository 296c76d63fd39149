"""Tests for desktop.core.roles: who may do what."""

from __future__ import annotations

import pytest

from desktop.core.roles import (
    LABELS,
    PERMISSIONS,
    Permission,
    PermissionDenied,
    Role,
    allows,
    require,
)

SUPERVISOR_ONLY = [Permission.VOID_HANDOVER, Permission.EXPORT, Permission.MANAGE_ACCOUNTS]


def test_every_role_has_permissions_and_a_label():
    assert set(PERMISSIONS) == set(Role)
    assert set(LABELS) == set(Role)


@pytest.mark.parametrize("role", [Role.OUTSOURCED, Role.OPERATOR, Role.SUPERVISOR])
@pytest.mark.parametrize(
    "permission",
    [Permission.LOOKUP, Permission.HANDOVER, Permission.REPRINT_COPY, Permission.COUNTER_SERVICES],
)
def test_counter_roles_can_hand_over_and_reprint_a_copy(role, permission):
    assert allows(role, permission)
    require(role, permission)


@pytest.mark.parametrize("role", [Role.OUTSOURCED, Role.OPERATOR])
@pytest.mark.parametrize(
    "permission",
    [*SUPERVISOR_ONLY, Permission.APPROVE, Permission.IMPORT, Permission.VIEW_AUDIT,
     Permission.MANAGE_REQUESTS, Permission.PLAN_INVITATIONS],
)  # fmt: skip
def test_operators_cannot_void_export_or_manage_accounts(role, permission):
    assert not allows(role, permission)
    with pytest.raises(PermissionDenied) as info:
        require(role, permission)
    assert info.value.role is role
    assert info.value.permission is permission


def test_outsourced_operator_has_exactly_the_counter_permissions():
    assert PERMISSIONS[Role.OUTSOURCED] == {
        Permission.LOOKUP,
        Permission.HANDOVER,
        Permission.REPRINT_COPY,
        Permission.COUNTER_SERVICES,  # recording requests and reports are counter work
    }


@pytest.mark.parametrize(
    "permission",
    [*SUPERVISOR_ONLY, Permission.APPROVE, Permission.PRINT_REGISTER, Permission.VIEW_AUDIT],
)
def test_supervisor_can(permission):
    assert allows(Role.SUPERVISOR, permission)
    require(Role.SUPERVISOR, permission)


def test_admin_manages_accounts_but_does_not_hand_over():
    assert allows(Role.ADMIN, Permission.MANAGE_ACCOUNTS)
    assert allows(Role.ADMIN, Permission.IMPORT)
    assert not allows(Role.ADMIN, Permission.HANDOVER)
    assert not allows(Role.ADMIN, Permission.VOID_HANDOVER)


def test_permission_denied_names_the_role():
    with pytest.raises(PermissionDenied) as info:
        require(Role.OUTSOURCED, Permission.VOID_HANDOVER)
    message = str(info.value)
    assert "Operator alih daya" in message
    assert "void_handover" in message
    assert "tidak berhak" in message
    assert isinstance(info.value, PermissionError)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("permission", list(Permission))
def test_require_agrees_with_allows(role, permission):
    if allows(role, permission):
        require(role, permission)
    else:
        with pytest.raises(PermissionDenied) as info:
            require(role, permission)
        assert LABELS[role] in str(info.value)
