"""Use cases: small verbs over a unit of work, called by the API, the web pages and the CLI.

Each function takes a unit of work (`ports.UnitOfWork`), the acting user (`access.Actor`)
and plain values, checks the actor may do it, does it in one transaction, appends to the
audit log, and returns plain data. State changes only through these functions.

    cases       import_case, import_case_text, get_case, case_summary, list_cases,
                export_case, update_case, record_event
    complaints  receive_complaint, record_complaint_event, add_remedy, list_complaints,
                get_complaint, complaint_timeline
    actions     agree_action, evidence_action, verify_action, list_actions, get_action
    reports     audit_case_as_of, list_due_and_overdue
    auth        add_user, authenticate, issue_token, actor_for_token, start_session,
                actor_for_session, end_session
    trail       read_audit_log
    demo        load_demo_data, refresh_synthetic_cases
"""
