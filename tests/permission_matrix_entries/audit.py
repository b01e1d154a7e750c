ENTRIES = {
    "audit:event_list": {"allowed": {"bureau_admin"}},
    "audit:event_export": {"allowed": {"bureau_admin"}},
}
