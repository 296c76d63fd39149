"""Who may do what. The store enforces these; the UI only hides what is refused anyway."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OPERATOR = "operator"
    OUTSOURCED = "outsourced"  # peak-day e-KTP operator, account expires by itself
    SUPERVISOR = "supervisor"
    ADMIN = "admin"  # Dinas IT staff


class Permission(StrEnum):
    LOOKUP = "lookup"
    HANDOVER = "handover"
    REPRINT_COPY = "reprint_copy"
    VOID_HANDOVER = "void_handover"
    APPROVE = "approve"  # home visits, releasing withheld cards, resolving conflicts
    EXPORT = "export"
    MANAGE_ACCOUNTS = "manage_accounts"
    IMPORT = "import"
    PRINT_REGISTER = "print_register"
    VIEW_AUDIT = "view_audit"
    COUNTER_SERVICES = "counter_services"  # register recording requests, report events
    MANAGE_REQUESTS = "manage_requests"  # move requests on, print and export their lists
    PLAN_INVITATIONS = "plan_invitations"  # give ready cards pickup days, print letters


_COUNTER = {
    Permission.LOOKUP,
    Permission.HANDOVER,
    Permission.REPRINT_COPY,
    Permission.COUNTER_SERVICES,
}

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OUTSOURCED: frozenset(_COUNTER),
    Role.OPERATOR: frozenset(_COUNTER),
    Role.SUPERVISOR: frozenset(
        _COUNTER
        | {
            Permission.VOID_HANDOVER,
            Permission.APPROVE,
            Permission.EXPORT,
            Permission.MANAGE_ACCOUNTS,
            Permission.PRINT_REGISTER,
            Permission.VIEW_AUDIT,
            Permission.MANAGE_REQUESTS,
            Permission.PLAN_INVITATIONS,
        }
    ),
    Role.ADMIN: frozenset(
        {
            Permission.LOOKUP,
            Permission.IMPORT,
            Permission.MANAGE_ACCOUNTS,
            Permission.EXPORT,
            Permission.VIEW_AUDIT,
        }
    ),
}

LABELS = {
    Role.OPERATOR: "Operator",
    Role.OUTSOURCED: "Operator alih daya",
    Role.SUPERVISOR: "Supervisor",
    Role.ADMIN: "Admin TI",
}


class PermissionDenied(PermissionError):
    """The acting person's role does not allow this."""

    def __init__(self, role: Role, permission: Permission, message: str | None = None) -> None:
        self.role = role
        self.permission = permission
        super().__init__(
            message
            or f"peran {LABELS[role]} tidak berhak melakukan '{permission.value}'; "
            "minta supervisor atau admin"
        )


def allows(role: Role, permission: Permission) -> bool:
    return permission in PERMISSIONS[role]


def require(role: Role, permission: Permission) -> None:
    if not allows(role, permission):
        raise PermissionDenied(role, permission)
