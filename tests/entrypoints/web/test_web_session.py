from casework.entrypoints.web.session import MAX_AGE_SECONDS, Session, SessionCodec


def test_a_signed_session_reads_back_unchanged():
    codec = SessionCodec("k" * 32)
    session = Session.fresh("token-1")
    assert codec.loads(codec.dumps(session)) == session


def test_a_session_edited_by_hand_is_rejected():
    codec = SessionCodec("k" * 32)
    value = codec.dumps(Session.fresh(None))
    body, signature = value.rsplit(".", 1)
    forged = SessionCodec("other key").dumps(Session.fresh("stolen"))
    assert codec.loads(forged) is None
    assert codec.loads(body + "x." + signature) is None
    assert codec.loads("not a cookie") is None


def test_a_session_older_than_a_working_day_is_rejected():
    codec = SessionCodec("k" * 32)
    session = Session.fresh("token-1")
    assert codec.loads(codec.dumps(session), now=session.issued + MAX_AGE_SECONDS - 1) == session
    assert codec.loads(codec.dumps(session), now=session.issued + MAX_AGE_SECONDS + 1) is None


def test_signing_in_issues_a_new_csrf_token_and_only_the_right_token_passes():
    before = Session.fresh(None)
    after = before.signed_in("token-1")
    assert after.csrf != before.csrf
    assert after.csrf_ok(after.csrf)
    assert not after.csrf_ok(before.csrf)
    assert not after.csrf_ok("")
    assert not after.csrf_ok(None)
