"""web_roles.py: the permission matrix. Every state-changing route of the API
and of the forms, tried by every role (anonymous, viewer, partner contributor,
editor, coordinator with and without a grant, admin) on a record of the
user's authority and on one of another authority; each answer is checked
against the rule of the issue. A record to change or delete is made fresh by
the admin for each try, so that the tries do not depend on each other.
Prints TAP. Usage: web_roles.py URL NETWORK_ID"""
import json
import sys
import urllib.error
import urllib.parse
import urllib.request

URL = sys.argv[1]
NETWORK = int(sys.argv[2])
# Quetigny (FR): the editor's and the coordinator's; Koulikoro (ML): the partner's;
# Autreville (FR): nobody's; Bous (DE)
MINE, PARTNER, OTHER, FOREIGN = 1, 2, 3, 4
n = failed = 0


def ok(cond, what):
    global n, failed
    n += 1
    failed += not cond
    print(("ok " if cond else "not ok ") + str(n) + " - " + what)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


opener = urllib.request.build_opener(NoRedirect)


def call(method, path, body=None, token=None, form=None, cookie=None):
    headers = {}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if token:
        headers["Authorization"] = "Bearer " + token
    if cookie:
        headers["Cookie"] = "eala_session=" + cookie
    req = urllib.request.Request(URL + path, data=data, method=method, headers=headers)
    try:
        with opener.open(req) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def login(user, password):
    status, body = call("POST", "/api/v1/login", {"login": user, "password": password})
    j = json.loads(body)
    return j["token"], j["csrf"]


ADMIN = login("ad", "admin-pass1")[0]
USERS = {
    "viewer": login("vi", "viewer-pass"),
    "partner": login("pa", "partner-pass"),
    "editor": login("ed", "editor-pass"),
    "coordinator": login("co", "coord-pass1"),
    "coordinator without grant": login("cn", "coord-pass2"),
    "admin": login("ad", "admin-pass1"),
}


def town():
    """A fresh foreign town, made by the admin: a partnership's other member
    (two partnerships of one kind cannot link the same authorities)."""
    status, out = call("POST", "/api/v1/authorities", {"name": "Partner town", "country": "DE",
                                                       "level": "municipality"}, ADMIN)
    assert status == 201, (status, out)
    return json.loads(out)["id"]


def club(owner):
    """A fresh organisation based in authority owner, made by the admin: a
    local actor whose links abroad belong to that authority."""
    status, out = call("POST", "/api/v1/organisations", {"name": "Club", "iati_type": "22", "authority_id": owner}, ADMIN)
    assert status == 201, (status, out)
    return json.loads(out)["id"]


def make(kind, owner):
    """A fresh record of kind belonging to authority owner, made by the admin."""
    body = {
        "authorities": {"name": "Town", "country": "FR", "level": "municipality", "parent_id": owner},
        "organisations": {"name": "Club", "iati_type": "22", "authority_id": owner},
        "partnerships": {"kind": "friendship", "status": "active", "members": [owner, town()]}
        if kind == "partnerships" else None,
        "actions": {"title": "Visit", "authority_id": owner, "type": "mission", "status": "2"},
        "network_memberships": {"authority_id": owner, "network_id": NETWORK, "role": "member"},
        "stakeholder_links": {"organisation_id": club(owner), "country": "ML", "kind": "exchange"}
        if kind == "stakeholder_links" else None,
    }[kind]
    status, out = call("POST", "/api/v1/" + kind, body, ADMIN)
    assert status == 201, (kind, status, out)
    return json.loads(out)["id"]


def new_body(kind, owner):
    return {
        "authorities": {"name": "Elsewhere", "country": "SN", "level": "municipality"},
        "organisations": {"name": "Club", "iati_type": "22", "authority_id": owner},
        "partnerships": {"kind": "friendship", "status": "active", "members": [owner, town()]}
        if kind == "partnerships" else None,
        "actions": {"title": "Visit", "authority_id": owner, "type": "mission", "status": "2"},
        "network_memberships": {"authority_id": owner, "network_id": NETWORK, "role": "member"},
        "stakeholder_links": {"organisation_id": club(owner), "country": "ML", "kind": "exchange"}
        if kind == "stakeholder_links" else None,
    }[kind]


def change(kind):
    return {"authorities": {"population": 1}, "organisations": {"notes": "n"},
            "partnerships": {"notes": "n"}, "actions": {"notes": "n"},
            "network_memberships": {"role": "board"}, "stakeholder_links": {"since": "2020"}}[kind]


# who may write a record of an authority: the admin, its editor, a coordinator
# granted it; a new authority belongs to no authority and may be added by any
# of those who write somewhere
def allowed(role, owner):
    if role == "admin":
        return True
    if role in ("editor", "coordinator"):
        return owner in (MINE, None)
    return False


KINDS = ["authorities", "organisations", "partnerships", "actions", "network_memberships", "stakeholder_links"]
# an authority's own record is in its scope; another's is not (a new town
# "belongs" to the authority it is part of, here through parent_id only for
# updates and deletes, which look at the authority itself)
for role, (token, csrf) in [("anonymous", (None, None))] + list(USERS.items()):
    for kind in KINDS:
        for owner in (MINE, OTHER):
            where = "of Quetigny" if owner == MINE else "of Autreville"
            # create
            owner_for_rule = None if kind == "authorities" else owner
            if kind == "authorities" and owner == OTHER:
                pass
            else:
                want = 401 if role == "anonymous" else 201 if allowed(role, owner_for_rule) else 403
                status, _ = call("POST", "/api/v1/" + kind, new_body(kind, owner), token)
                ok(status == want, "%s POST /api/v1/%s %s: %d (want %d)" % (role, kind,
                   "(a new foreign town)" if kind == "authorities" else where, status, want))
            # update and delete a fresh record
            for method in ("PUT", "DELETE"):
                if kind == "authorities":
                    target = owner     # the authority itself
                    if method == "DELETE":
                        target = make(kind, owner)   # a town of that authority: no scope of its own
                else:
                    target = make(kind, owner)
                rule_owner = owner if not (kind == "authorities" and method == "DELETE") else None
                if kind == "authorities" and method == "DELETE":
                    want_ok = role == "admin"   # a town with no partner of its own: only the admin
                else:
                    want_ok = allowed(role, rule_owner)
                want = 401 if role == "anonymous" else 200 if want_ok else 403
                status, _ = call(method, "/api/v1/%s/%d" % (kind, target),
                                 change(kind) if method == "PUT" else None, token)
                ok(status == want, "%s %s /api/v1/%s/ID %s: %d (want %d)" % (role, method, kind, where, status, want))

# observed outcomes: reported by the members of the partnership only, the
# partner contributor included when its authority is a member
for role, (token, csrf) in [("anonymous", (None, None))] + list(USERS.items()):
    for members, name in (([MINE, PARTNER], "Quetigny-Koulikoro"), ([OTHER, FOREIGN], "Autreville-Bous")):
        status, out = call("POST", "/api/v1/partnerships",
                           {"kind": "twinning", "status": "active", "members": [members[0], town()]}, ADMIN)
        pid = json.loads(out)["id"]
        # the partner's authority joins as a second member of the first partnership
        if members[1] == PARTNER:
            p = json.loads(call("GET", "/api/v1/partnerships/%d" % pid)[1])
            call("PUT", "/api/v1/partnerships/%d" % pid, {"members": p["members"] + [PARTNER]}, ADMIN)
        body = {"partnership_id": pid, "category": "sociocultural.openness", "side": "partner",
                "description": "Letters"}
        allowed_here = role == "admin" or (members[0] == MINE and role in ("editor", "coordinator", "partner"))
        want = 401 if role == "anonymous" else 201 if allowed_here else 403
        status, _ = call("POST", "/api/v1/observed_outcomes", body, token)
        ok(status == want, "%s POST /api/v1/observed_outcomes on %s: %d (want %d)" % (role, name, status, want))

# the forms: the same rules through the browser's cookie and CSRF token
FORM_NEW = {
    "authorities": {"name": "Elsewhere", "country": "SN", "level": "municipality"},
    "organisations": {"name": "Club", "iati_type": "22", "authority_id": str(MINE)},
    "partnerships": {"kind": "friendship", "status": "active"},
    "actions": {"title": "Visit", "authority_id": str(MINE), "type": "mission", "status": "2"},
}
FORM_EDIT = {
    "authorities": {"name": "Quetigny", "country": "FR", "level": "municipality"},
    "organisations": {"name": "Club", "iati_type": "22", "authority_id": None},
    "partnerships": {"kind": "friendship", "status": "active", "members": None},
    "actions": {"title": "Visit", "authority_id": None, "type": "mission", "status": "2"},
}
for role, (token, csrf) in [("anonymous", (None, None))] + list(USERS.items()):
    for kind in FORM_NEW:
        form = dict(FORM_NEW[kind], csrf=csrf or "")
        if kind == "partnerships":
            form["members"] = "%d, %d" % (MINE, town())
        want = 303 if role == "anonymous" or allowed(role, None if kind == "authorities" else MINE) else 403
        status, _ = call("POST", "/%s/new" % kind, form=form, cookie=token)
        ok(status == want, "%s POST /%s/new: %d (want %d%s)" % (role, kind, status, want,
           ", to the login page" if role == "anonymous" else ""))
        for owner in (MINE, OTHER):
            target = owner if kind == "authorities" else make(kind, owner)
            form = {k: v for k, v in FORM_EDIT[kind].items() if v is not None}
            if kind == "authorities":
                form["name"] = "Quetigny" if owner == MINE else "Other"
            if kind in ("organisations", "actions"):
                form["authority_id"] = str(owner)
            if kind == "partnerships":
                status, out = call("GET", "/api/v1/partnerships/%d" % target)
                form["members"] = ", ".join(str(m) for m in json.loads(out)["members"])
            form["csrf"] = csrf or ""
            want = 303 if role == "anonymous" or allowed(role, owner) else 403
            status, _ = call("POST", "/%s/%d/edit" % (kind, target), form=form, cookie=token)
            ok(status == want, "%s POST /%s/ID/edit %s: %d (want %d)" % (
               role, kind, "of Quetigny" if owner == MINE else "of Autreville", status, want))
        # a wrong CSRF token is refused whoever sends it
        if role != "anonymous":
            form = dict(FORM_NEW[kind], csrf="0" * 64)
            if kind == "partnerships":
                form["members"] = "%d, %d" % (MINE, town())
            status, _ = call("POST", "/%s/new" % kind, form=form, cookie=token)
            ok(status == 403, "%s POST /%s/new with a wrong CSRF token: %d (want 403)" % (role, kind, status))
    # the import of whole files is the admin's alone (a multipart form)
    boundary = "eala-boundary"
    body = ("--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
            "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\nname,country,level\r\nNantes,FR,municipality\r\n--%s--\r\n"
            % (boundary, csrf or "", boundary, boundary)).encode()
    headers = {"Content-Type": "multipart/form-data; boundary=" + boundary}
    if token:
        headers["Cookie"] = "eala_session=" + token
    req = urllib.request.Request(URL + "/import?dry_run=1", data=body, method="POST", headers=headers)
    try:
        with opener.open(req) as r:
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    want = 303 if role == "anonymous" else 200 if role == "admin" else 403
    ok(status == want, "%s POST /import: %d (want %d)" % (role, status, want))

# the results chain: expectations are set by whoever may update the
# partnership; actual values and outcomes are reported by each side for its
# own side (the partner contributor for the partner's side only)
def partnership_with(members):
    status, out = call("POST", "/api/v1/partnerships",
                       {"kind": "twinning", "status": "active", "members": [members[0], town()]}, ADMIN)
    pid = json.loads(out)["id"]
    if members[1] == PARTNER:   # Koulikoro joins as a partner member
        p = json.loads(call("GET", "/api/v1/partnerships/%d" % pid)[1])
        call("PUT", "/api/v1/partnerships/%d" % pid, {"members": p["members"] + [PARTNER]}, ADMIN)
    return pid


def expected(pid, side):
    status, out = call("POST", "/api/v1/expected_impacts", {
        "partnership_id": pid, "category": "sociocultural.openness", "side": side, "description": "Pupils",
        "indicators": [{"title": "Pupils", "periods": [{"start": "2024-01-01", "end": "2024-12-31", "target": 4}]}]},
        ADMIN)
    assert status == 201, (status, out)
    j = json.loads(out)
    return j["id"], j["indicators"][0]["id"]


def outcome(pid, reported_by):
    status, out = call("POST", "/api/v1/observed_outcomes", {
        "partnership_id": pid, "category": "sociocultural.openness", "side": reported_by,
        "reported_by": reported_by, "description": "Letters"}, ADMIN)
    assert status == 201, (status, out)
    return json.loads(out)["id"]


for role, (token, csrf) in [("anonymous", (None, None))] + list(USERS.items()):
    for members, name in (([MINE, PARTNER], "Quetigny-Koulikoro"), ([OTHER, FOREIGN], "Autreville-Bous")):
        pid = partnership_with(members)
        ours = members[0] == MINE
        edits = role == "admin" or (ours and role in ("editor", "coordinator"))
        reports_partner = edits or (ours and role == "partner")
        denied = 401 if role == "anonymous" else 403
        body = {"partnership_id": pid, "category": "economic.jobs", "side": "home", "description": "Jobs"}
        status, _ = call("POST", "/api/v1/expected_impacts", body, token)
        ok(status == (201 if edits else denied), "%s POST /api/v1/expected_impacts on %s: %d" % (role, name, status))
        eid, ind = expected(pid, "home")
        status, _ = call("PUT", "/api/v1/expected_impacts/%d" % eid, {"description": "More pupils"}, token)
        ok(status == (200 if edits else denied), "%s PUT /api/v1/expected_impacts/ID on %s: %d" % (role, name, status))
        for side in ("home", "partner"):
            eid, ind = expected(pid, side)
            may = edits or (side == "partner" and reports_partner)
            status, _ = call("PUT", "/api/v1/expected_impacts/%d/actuals" % eid,
                             {"values": [{"indicator_id": ind, "start": "2024-01-01", "actual": 5}]}, token)
            ok(status == (200 if may else denied), "%s PUT actuals of a %s-side impact on %s: %d" % (
               role, side, name, status))
            oid = outcome(pid, side)
            status, _ = call("PUT", "/api/v1/observed_outcomes/%d" % oid, {"description": "More letters"}, token)
            ok(status == (200 if may else denied), "%s PUT /api/v1/observed_outcomes/ID reported by %s on %s: %d" % (
               role, side, name, status))
            status, _ = call("PUT", "/api/v1/observed_outcomes/%d/evidence?name=e.txt" % oid, None, token)
            ok(status in ((422,) if may else (denied,)), "%s PUT evidence of an outcome reported by %s on %s: %d" % (
               role, side, name, status))
            status, _ = call("DELETE", "/api/v1/observed_outcomes/%d" % oid, None, token)
            ok(status == (200 if may else denied), "%s DELETE /api/v1/observed_outcomes/ID reported by %s on %s: %d" % (
               role, side, name, status))
        eid, ind = expected(pid, "both")
        status, _ = call("DELETE", "/api/v1/expected_impacts/%d" % eid, None, token)
        ok(status == (200 if edits else denied), "%s DELETE /api/v1/expected_impacts/ID on %s: %d" % (role, name, status))
        # the same through the forms, with the cookie and the CSRF token
        form = {"csrf": csrf or "", "partnership_id": str(pid), "category": "economic.jobs", "side": "home",
                "description": "Jobs", "n_indicators": "0"}
        status, _ = call("POST", "/expected_impacts/new", form=form, cookie=token)
        want = 303 if role == "anonymous" or edits else 403
        ok(status == want, "%s POST /expected_impacts/new on %s: %d (want %d)" % (role, name, status, want))
        form = {"csrf": csrf or "", "partnership_id": str(pid), "category": "economic.jobs", "side": "partner",
                "description": "Jobs"}
        status, _ = call("POST", "/observed_outcomes/new", form=form, cookie=token)
        want = 303 if role == "anonymous" or reports_partner else 403
        ok(status == want, "%s POST /observed_outcomes/new on %s: %d (want %d)" % (role, name, status, want))
        eid, ind = expected(pid, "home")
        form = {"csrf": csrf or "", "n_values": "1", "values[0].indicator_id": str(ind),
                "values[0].start": "2024-01-01", "values[0].actual": "3"}
        status, _ = call("POST", "/expected_impacts/%d/actuals" % eid, form=form, cookie=token)
        want = 303 if role == "anonymous" or edits else 403
        ok(status == want, "%s POST /expected_impacts/ID/actuals of a home-side impact on %s: %d (want %d)" % (
           role, name, status, want))
        if role != "anonymous":
            form = {"csrf": "0" * 64, "partnership_id": str(pid), "category": "economic.jobs", "side": "home",
                    "description": "Jobs"}
            status, _ = call("POST", "/observed_outcomes/new", form=form, cookie=token)
            ok(status == 403, "%s POST /observed_outcomes/new with a wrong CSRF token: %d (want 403)" % (role, status))
            status, _ = call("POST", "/expected_impacts/%d/delete" % eid, form={"csrf": "0" * 64}, cookie=token)
            ok(status == 403, "%s POST /expected_impacts/ID/delete with a wrong CSRF token: %d (want 403)" % (role, status))
            status, _ = call("POST", "/expected_impacts/%d/delete" % eid, form={"csrf": csrf}, cookie=token)
            ok(status == (303 if edits else 403), "%s POST /expected_impacts/ID/delete on %s: %d" % (role, name, status))

# local actors' links abroad through the form on the organisation's page
for role, (token, csrf) in [("anonymous", (None, None))] + list(USERS.items()):
    for owner in (MINE, OTHER):
        where = "of Quetigny" if owner == MINE else "of Autreville"
        may = allowed(role, owner)
        form = {"csrf": csrf or "", "organisation_id": str(club(owner)), "country": "ML", "kind": "exchange"}
        status, _ = call("POST", "/stakeholder_links/new", form=form, cookie=token)
        want = 303 if role == "anonymous" or may else 403
        ok(status == want, "%s POST /stakeholder_links/new for a club %s: %d (want %d)" % (role, where, status, want))
        lid = make("stakeholder_links", owner)
        if role != "anonymous":
            status, _ = call("POST", "/stakeholder_links/%d/delete" % lid, form={"csrf": "0" * 64}, cookie=token)
            ok(status == 403, "%s POST /stakeholder_links/ID/delete with a wrong CSRF token: %d (want 403)" % (role, status))
        status, _ = call("POST", "/stakeholder_links/%d/delete" % lid, form={"csrf": csrf or ""}, cookie=token)
        want = 303 if role == "anonymous" or may else 403
        ok(status == want, "%s POST /stakeholder_links/ID/delete %s: %d (want %d)" % (role, where, status, want))

# practices: any role that writes somewhere adds one (it belongs to no
# authority); an adoption is written by whoever may edit the adopting
# authority; the forms need the session's CSRF token
status, out = call("POST", "/api/v1/practices", {"name": "Open budget"}, ADMIN)
assert status == 201, (status, out)
PRACTICE = json.loads(out)["id"]
for i, (role, (token, csrf)) in enumerate([("anonymous", (None, None))] + list(USERS.items())):
    denied = 401 if role == "anonymous" else 403
    status, _ = call("POST", "/api/v1/practices", {"name": "Practice %d" % i}, token)
    ok(status == (201 if allowed(role, None) else denied), "%s POST /api/v1/practices: %d" % (role, status))
    for owner in (MINE, OTHER):
        where = "of Quetigny" if owner == MINE else "of Autreville"
        status, _ = call("POST", "/api/v1/practices/%d/adoptions" % PRACTICE,
                         {"authority_id": owner, "date": "2020-01-01"}, token)
        ok(status == (201 if allowed(role, owner) else denied),
           "%s POST /api/v1/practices/ID/adoptions %s: %d" % (role, where, status))
        form = {"csrf": csrf or "", "authority_id": str(owner), "date": "2021-01-01"}
        status, _ = call("POST", "/practices/%d/adoptions" % PRACTICE, form=form, cookie=token)
        want = 303 if role == "anonymous" or allowed(role, owner) else 403
        ok(status == want, "%s POST /practices/ID/adoptions %s: %d (want %d)" % (role, where, status, want))
    form = {"csrf": csrf or "", "name": "Form practice %d" % i}
    status, _ = call("POST", "/practices", form=form, cookie=token)
    want = 303 if role == "anonymous" or allowed(role, None) else 403
    ok(status == want, "%s POST /practices: %d (want %d)" % (role, status, want))
    if role != "anonymous":
        form = {"csrf": "0" * 64, "authority_id": str(MINE)}
        status, _ = call("POST", "/practices/%d/adoptions" % PRACTICE, form=form, cookie=token)
        ok(status == 403, "%s POST /practices/ID/adoptions with a wrong CSRF token: %d (want 403)" % (role, status))

print("1..%d" % n)
sys.exit(1 if failed else 0)
