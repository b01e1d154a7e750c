"""Who opens the home page: everyone signed in (a user without a role is told to ask for one)."""

EVERYONE = {
    "bureau_admin",
    "bureau_analyst",
    "group_leader",
    "principal",
    "academic_director",
    "central_principal",
    "grade_leader",
    "head_teacher",
    "subject_teacher",
    "other_teacher",
    "outsider",
}

ENTRIES = {
    "web:home": {"allowed": EVERYONE},
}
