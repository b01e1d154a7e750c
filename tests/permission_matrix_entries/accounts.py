ENTRIES = {
    "accounts:user_list": {"allowed": {"bureau_admin"}},
    "accounts:user_detail": {
        "kwargs": lambda cast: {"pk": cast.user("principal").pk},
        "allowed": {"bureau_admin"},
    },
    "accounts:role_revoke": {
        # Revoking needs POST; a GET is refused for everyone (405) except that outsiders still learn nothing.
        "kwargs": lambda cast: {"pk": cast.user("grade_leader").role_assignments.get().pk},
        "allowed": set(),
        "denied": {405},
    },
}
