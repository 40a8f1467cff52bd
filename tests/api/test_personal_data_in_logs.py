"""No personal data in the logs: whatever the functions print while a citizen submits, makes
mistakes, looks the dossier up and an officer works on it, the applicant's name, ID number,
phone, e-mail and address never appear (logs are kept for months and read by operators)."""
import logging

from tests.api.support import submission

PERSONAL = ("Nguyễn Văn Bình", "051090001234", "0905123456", "binh@example.vn", "12 Hùng Vương")


def test_a_whole_journey_logs_no_personal_data(api, capsys, caplog):
    # INFO, the level the functions log at in the cloud (the library's own DEBUG lines, which
    # print whole requests, are off there and must stay off).
    caplog.set_level(logging.INFO)
    body = submission(api.upload())

    wrong = dict(body, applicant={**body["applicant"], "phone": "0905123456x"})
    assert api.submit(wrong, key="wrong").status == 422
    submitted = api.submit(body, key="right").json
    assert api.post("/api/lookup", {"code": submitted["code"], "id_number": "051090001234"}).status == 200
    assert api.post("/api/lookup", {"code": submitted["code"], "id_number": "051090009999"}).status == 404
    assert api.officer("GET", f"/api/officer/dossiers/{submitted['dossier_id']}").status == 200
    assert api.officer("POST", f"/api/officer/dossiers/{submitted['dossier_id']}/receive", {"version": 1}).status == 200

    printed = capsys.readouterr()
    logged = printed.out + printed.err + "\n".join(record.getMessage() for record in caplog.records)
    assert "dossier submitted" in logged  # the functions did log; none of it is personal
    for value in PERSONAL:
        assert value not in logged, value
        assert value.encode("unicode_escape").decode("ascii") not in logged, value
