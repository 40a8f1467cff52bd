"""assets/data/desk-procedures.json: what the desk's counter intake and printed forms read about
each procedure, with the domain's verdict on whether a time limit may be relied on."""
from portal.domain.catalogue import Catalogue
from scripts.site.desk import desk_procedures


def test_the_intake_knows_which_time_limits_it_must_ask_for_and_which_case_sets_them():
    desk = desk_procedures(Catalogue.bundled().data)
    sea = desk["nuoi-trong-tren-bien"]
    assert set(sea["channels"]) == {"counter", "post"}
    counter = sea["channels"]["counter"]
    assert counter["default_label"] == "Cấp mới" and not counter["time_limit_confirmed"]
    (reissue,) = counter["cases"]
    assert reissue["when"] == {"field": "loai_giay", "equals": "cap-lai"} and reissue["label"] == "Cấp lại"
    assert not reissue["time_limit_confirmed"] and reissue["time_limit_text"].startswith("15 ngày")
    assert sea["agency"]["name"] == "Chi cục Thủy sản Quảng Ngãi"
    assert sea["fields"][0]["name"] == "loai_giay"
    assert {d["slot"] for d in sea["documents"]} >= {"don-dang-ky", "so-do-khu-vuc-bien"}

    cages = desk["nuoi-trong-long-be"]["channels"]["counter"]
    assert cages["time_limit_confirmed"] and cages["cases"] == []
