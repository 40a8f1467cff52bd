"""Real administrative vocabulary the synthetic catalogue draws on: sectors of a provincial
catalogue, the things each sector grants, registers, recognises or confirms, the laws behind them,
and the documents, steps and form fields such procedures ask for.

Titles are built as `<verb> <object>[, <qualifier>]`, the way the national database words them
("Cấp lại giấy phép khai thác thủy sản", "Xóa đăng ký tàu cá"), so a search sees the same
repetition and near-duplicates a real province's catalogue has.
"""
from __future__ import annotations

# What can be done to each kind of object; the verb also names the result.
VERBS = {
    "permit": ("Cấp", "Cấp lại", "Gia hạn", "Điều chỉnh", "Cấp đổi", "Thu hồi"),
    "register": ("Đăng ký", "Đăng ký lại", "Đăng ký thay đổi", "Xóa đăng ký"),
    "recognise": ("Công nhận", "Công nhận lại", "Thu hồi quyết định công nhận"),
    "confirm": ("Xác nhận", "Thẩm định", "Phê duyệt", "Chấp thuận"),
}

QUALIFIERS = (
    "",
    "đối với tổ chức",
    "đối với cá nhân",
    "trường hợp bị mất, hỏng",
    "do thay đổi thông tin",
    "cấp tỉnh",
    "cấp xã",
    "trên địa bàn tỉnh",
    "cho doanh nghiệp",
    "trong khu kinh tế",
    "đối với hộ kinh doanh",
    "trường hợp hết hạn",
)

# sector -> (catalogue group, agency name, agency code, objects, extra qualifiers, legal bases)
# objects: (kind, phrase); legal bases: (number, title, effective date).
SECTORS = {
    "thủy sản": (
        "nuoi-trong", "Chi cục Thủy sản Quảng Ngãi", "000.00.15.H55",
        [
            ("permit", "giấy phép nuôi trồng thủy sản trên biển"),
            ("permit", "giấy chứng nhận cơ sở đủ điều kiện sản xuất, ương dưỡng giống thủy sản"),
            ("permit", "giấy chứng nhận cơ sở đủ điều kiện sản xuất thức ăn thủy sản"),
            ("permit", "giấy phép khai thác thủy sản ven bờ"),
            ("permit", "giấy phép nhập khẩu thủy sản sống"),
            ("register", "nuôi trồng thủy sản trong ao, đầm"),
            ("register", "cơ sở nuôi trồng thủy sản lồng bè"),
            ("recognise", "tổ chức cộng đồng quản lý nguồn lợi thủy sản"),
            ("recognise", "khu bảo tồn biển cấp tỉnh"),
            ("confirm", "nguồn gốc thủy sản khai thác"),
            ("confirm", "sản lượng thủy sản bốc dỡ qua cảng cá"),
            ("confirm", "kế hoạch bảo vệ nguồn lợi thủy sản"),
        ],
        ("đối với đối tượng thủy sản nuôi chủ lực", "vùng biển ven bờ"),
        [
            ("18/2017/QH14", "Luật Thủy sản", "2019-01-01"),
            ("26/2019/NĐ-CP", "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Thủy sản", "2019-03-08"),
            ("37/2024/NĐ-CP", "Nghị định sửa đổi, bổ sung một số điều của Nghị định số 26/2019/NĐ-CP", "2024-05-20"),
            ("118/2018/TT-BTC", "Thông tư quy định mức thu, chế độ thu, nộp phí, lệ phí trong lĩnh vực thủy sản", "2019-01-15"),
        ],
    ),
    "tàu cá": (
        "tau-ca", "Chi cục Thủy sản Quảng Ngãi", "000.00.15.H55",
        [
            ("permit", "giấy chứng nhận an toàn kỹ thuật tàu cá"),
            ("permit", "văn bản chấp thuận đóng mới, cải hoán, thuê, mua tàu cá"),
            ("permit", "sổ danh bạ thuyền viên tàu cá"),
            ("permit", "văn bằng, chứng chỉ thuyền trưởng, máy trưởng tàu cá"),
            ("permit", "giấy chứng nhận cơ sở đủ điều kiện đóng mới, cải hoán tàu cá"),
            ("register", "tàu cá"),
            ("register", "tàu công vụ thủy sản"),
            ("register", "tàu cá nhập khẩu"),
            ("recognise", "cơ sở đăng kiểm tàu cá"),
            ("recognise", "đăng kiểm viên tàu cá"),
            ("confirm", "tàu cá hoạt động trên vùng biển"),
        ],
        ("đối với tàu cá dài từ 15 mét trở lên", "đối với tàu cá dài dưới 12 mét"),
        [
            ("18/2017/QH14", "Luật Thủy sản", "2019-01-01"),
            ("26/2019/NĐ-CP", "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Thủy sản", "2019-03-08"),
            ("23/2018/TT-BNNPTNT", "Thông tư quy định về đăng kiểm viên tàu cá, an toàn kỹ thuật tàu cá, đăng ký tàu cá", "2019-01-01"),
        ],
    ),
    "khai thác": (
        "khai-thac", "Chi cục Thủy sản Quảng Ngãi", "000.00.15.H55",
        [
            ("permit", "giấy phép khai thác thủy sản trên biển"),
            ("permit", "hạn ngạch giấy phép khai thác thủy sản"),
            ("permit", "giấy chứng nhận thủy sản khai thác"),
            ("register", "nghề khai thác thủy sản"),
            ("confirm", "cam kết thủy sản khai thác không vi phạm quy định"),
        ],
        ("vùng lộng", "vùng khơi"),
        [
            ("18/2017/QH14", "Luật Thủy sản", "2019-01-01"),
            ("26/2019/NĐ-CP", "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Thủy sản", "2019-03-08"),
            ("21/2018/TT-BNNPTNT", "Thông tư quy định về ghi, nộp báo cáo, nhật ký khai thác thủy sản", "2019-01-01"),
        ],
    ),
    "giống cây trồng": (
        "chung-nhan", "Chi cục Trồng trọt và Bảo vệ thực vật", "000.00.17.H55",
        [
            ("permit", "giấy chứng nhận vườn cây đầu dòng"),
            ("permit", "giấy chứng nhận cơ sở đủ điều kiện sản xuất giống cây trồng"),
            ("permit", "giấy phép nhập khẩu giống cây trồng"),
            ("recognise", "cây đầu dòng cây công nghiệp, cây ăn quả lâu năm"),
            ("recognise", "nguồn giống cây trồng lâm nghiệp"),
            ("confirm", "nội dung quảng cáo giống cây trồng"),
        ],
        ("đối với giống cây ăn quả",),
        [
            ("31/2018/QH14", "Luật Trồng trọt", "2020-01-01"),
            ("94/2019/NĐ-CP", "Nghị định quy định chi tiết một số điều của Luật Trồng trọt về giống cây trồng và canh tác", "2019-12-13"),
        ],
    ),
    "thú y": (
        "chung-nhan", "Chi cục Chăn nuôi và Thú y", "000.00.18.H55",
        [
            ("permit", "giấy chứng nhận đủ điều kiện buôn bán thuốc thú y"),
            ("permit", "chứng chỉ hành nghề thú y"),
            ("permit", "giấy chứng nhận kiểm dịch động vật vận chuyển ra khỏi địa bàn tỉnh"),
            ("permit", "giấy chứng nhận cơ sở an toàn dịch bệnh động vật"),
            ("permit", "giấy chứng nhận đủ điều kiện vệ sinh thú y"),
            ("confirm", "nội dung quảng cáo thuốc thú y"),
            ("register", "cơ sở chăn nuôi trang trại quy mô lớn"),
        ],
        ("đối với động vật thủy sản", "đối với sản phẩm động vật"),
        [
            ("79/2015/QH13", "Luật Thú y", "2016-07-01"),
            ("35/2016/NĐ-CP", "Nghị định quy định chi tiết một số điều của Luật Thú y", "2016-07-01"),
            ("32/2018/QH14", "Luật Chăn nuôi", "2020-01-01"),
        ],
    ),
    "đất đai": (
        "nguon-loi", "Sở Nông nghiệp và Môi trường tỉnh Quảng Ngãi", "000.00.21.H55",
        [
            ("permit", "giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất"),
            ("permit", "quyết định giao đất, cho thuê đất"),
            ("permit", "quyết định cho phép chuyển mục đích sử dụng đất"),
            ("register", "biến động đất đai"),
            ("register", "thế chấp quyền sử dụng đất"),
            ("register", "đất đai lần đầu"),
            ("confirm", "tiếp tục sử dụng đất nông nghiệp"),
            ("confirm", "bản đồ địa chính khu đất"),
        ],
        ("đối với hộ gia đình", "khu vực ven biển"),
        [
            ("31/2024/QH15", "Luật Đất đai", "2024-08-01"),
            ("101/2024/NĐ-CP", "Nghị định quy định về điều tra cơ bản đất đai; đăng ký, cấp giấy chứng nhận", "2024-08-01"),
        ],
    ),
    "môi trường": (
        "nguon-loi", "Sở Nông nghiệp và Môi trường tỉnh Quảng Ngãi", "000.00.21.H55",
        [
            ("permit", "giấy phép môi trường"),
            ("permit", "giấy phép khai thác nước mặt"),
            ("permit", "giấy phép xả nước thải vào nguồn nước"),
            ("permit", "giấy phép khai thác khoáng sản làm vật liệu xây dựng thông thường"),
            ("register", "môi trường"),
            ("confirm", "báo cáo đánh giá tác động môi trường"),
            ("confirm", "phương án cải tạo, phục hồi môi trường"),
            ("confirm", "kế hoạch ứng phó sự cố tràn dầu"),
        ],
        ("đối với cơ sở nuôi trồng thủy sản", "đối với khu công nghiệp"),
        [
            ("72/2020/QH14", "Luật Bảo vệ môi trường", "2022-01-01"),
            ("08/2022/NĐ-CP", "Nghị định quy định chi tiết một số điều của Luật Bảo vệ môi trường", "2022-01-10"),
            ("28/2023/QH15", "Luật Tài nguyên nước", "2024-07-01"),
        ],
    ),
    "xây dựng": (
        "chung-nhan", "Sở Xây dựng tỉnh Quảng Ngãi", "000.00.22.H55",
        [
            ("permit", "giấy phép xây dựng nhà ở riêng lẻ"),
            ("permit", "giấy phép xây dựng công trình cảng cá"),
            ("permit", "chứng chỉ hành nghề hoạt động xây dựng"),
            ("permit", "giấy phép di dời công trình"),
            ("permit", "chứng chỉ năng lực hoạt động xây dựng"),
            ("confirm", "báo cáo nghiên cứu khả thi đầu tư xây dựng"),
            ("confirm", "thiết kế xây dựng triển khai sau thiết kế cơ sở"),
        ],
        ("hạng II, hạng III", "đối với công trình cấp III"),
        [
            ("50/2014/QH13", "Luật Xây dựng", "2015-01-01"),
            ("175/2024/NĐ-CP", "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Xây dựng về quản lý hoạt động xây dựng", "2024-12-30"),
        ],
    ),
    "giao thông": (
        "tau-ca", "Sở Xây dựng tỉnh Quảng Ngãi", "000.00.22.H55",
        [
            ("permit", "giấy phép lái xe"),
            ("permit", "giấy chứng nhận đăng ký phương tiện thủy nội địa"),
            ("permit", "giấy phép liên vận quốc tế"),
            ("permit", "phù hiệu xe kinh doanh vận tải"),
            ("permit", "giấy phép kinh doanh vận tải bằng xe ô tô"),
            ("register", "phương tiện thủy nội địa"),
            ("register", "khai thác tuyến vận tải hành khách cố định"),
            ("confirm", "phương án vận tải hàng hóa siêu trường, siêu trọng"),
        ],
        ("hạng A1, A, B", "đối với tàu, thuyền du lịch"),
        [
            ("36/2024/QH15", "Luật Trật tự, an toàn giao thông đường bộ", "2025-01-01"),
            ("23/2004/QH11", "Luật Giao thông đường thủy nội địa", "2005-01-01"),
        ],
    ),
    "giáo dục": (
        "chung-nhan", "Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi", "000.00.23.H55",
        [
            ("permit", "giấy phép hoạt động giáo dục nghề nghiệp"),
            ("permit", "giấy phép thành lập trung tâm ngoại ngữ, tin học"),
            ("permit", "bản sao văn bằng, chứng chỉ từ sổ gốc"),
            ("permit", "giấy phép tổ chức hoạt động dạy thêm, học thêm"),
            ("recognise", "trường đạt chuẩn quốc gia"),
            ("recognise", "xã đạt chuẩn phổ cập giáo dục, xóa mù chữ"),
            ("confirm", "hoạt động giáo dục của cơ sở giáo dục mầm non độc lập"),
        ],
        ("đối với trường trung học phổ thông", "đối với cơ sở giáo dục mầm non"),
        [
            ("43/2019/QH14", "Luật Giáo dục", "2020-07-01"),
            ("125/2024/NĐ-CP", "Nghị định quy định về điều kiện đầu tư và hoạt động trong lĩnh vực giáo dục", "2024-11-20"),
        ],
    ),
    "y tế": (
        "chung-nhan", "Sở Y tế tỉnh Quảng Ngãi", "000.00.24.H55",
        [
            ("permit", "giấy phép hành nghề khám bệnh, chữa bệnh"),
            ("permit", "giấy phép hoạt động phòng khám đa khoa"),
            ("permit", "chứng chỉ hành nghề dược"),
            ("permit", "giấy chứng nhận đủ điều kiện kinh doanh dược"),
            ("permit", "giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm"),
            ("confirm", "nội dung quảng cáo thực phẩm bảo vệ sức khỏe"),
            ("confirm", "bản tự công bố sản phẩm thực phẩm"),
            ("register", "hành nghề khám bệnh, chữa bệnh"),
        ],
        ("đối với nhà thuốc", "đối với cơ sở sơ chế thủy sản"),
        [
            ("15/2023/QH15", "Luật Khám bệnh, chữa bệnh", "2024-01-01"),
            ("96/2023/NĐ-CP", "Nghị định quy định chi tiết một số điều của Luật Khám bệnh, chữa bệnh", "2024-01-01"),
            ("55/2010/QH12", "Luật An toàn thực phẩm", "2011-07-01"),
            ("15/2018/NĐ-CP", "Nghị định quy định chi tiết thi hành một số điều của Luật An toàn thực phẩm", "2018-02-02"),
        ],
    ),
    "lao động": (
        "chung-nhan", "Sở Nội vụ tỉnh Quảng Ngãi", "000.00.25.H55",
        [
            ("permit", "giấy phép lao động cho người nước ngoài"),
            ("permit", "giấy phép hoạt động dịch vụ việc làm"),
            ("permit", "giấy phép hoạt động cho thuê lại lao động"),
            ("register", "nội quy lao động"),
            ("register", "thỏa ước lao động tập thể"),
            ("confirm", "người lao động nước ngoài không thuộc diện cấp giấy phép lao động"),
        ],
        ("đối với người lao động trên tàu cá",),
        [
            ("45/2019/QH14", "Bộ luật Lao động", "2021-01-01"),
            ("152/2020/NĐ-CP", "Nghị định quy định về người lao động nước ngoài làm việc tại Việt Nam", "2021-02-15"),
        ],
    ),
    "du lịch": (
        "nguon-loi", "Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ngãi", "000.00.26.H55",
        [
            ("permit", "giấy phép kinh doanh dịch vụ lữ hành nội địa"),
            ("permit", "thẻ hướng dẫn viên du lịch"),
            ("permit", "giấy phép tổ chức lễ hội truyền thống"),
            ("recognise", "điểm du lịch cộng đồng làng chài"),
            ("recognise", "hạng cơ sở lưu trú du lịch"),
            ("confirm", "nội dung biểu diễn nghệ thuật"),
        ],
        ("tại khu du lịch biển",),
        [
            ("09/2017/QH14", "Luật Du lịch", "2018-01-01"),
            ("168/2017/NĐ-CP", "Nghị định quy định chi tiết một số điều của Luật Du lịch", "2018-01-31"),
        ],
    ),
    "công thương": (
        "chung-nhan", "Sở Công Thương tỉnh Quảng Ngãi", "000.00.27.H55",
        [
            ("permit", "giấy phép kinh doanh bán lẻ sản phẩm thuốc lá"),
            ("permit", "giấy chứng nhận đủ điều kiện cửa hàng bán lẻ xăng dầu"),
            ("permit", "giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh"),
            ("permit", "giấy xác nhận đủ điều kiện cấp dầu cho tàu cá"),
            ("register", "hoạt động bán hàng đa cấp tại địa phương"),
            ("register", "thực hiện khuyến mại"),
            ("confirm", "kế hoạch ứng phó sự cố hóa chất"),
        ],
        ("tại cảng cá",),
        [
            ("36/2005/QH11", "Luật Thương mại", "2006-01-01"),
            ("83/2014/NĐ-CP", "Nghị định về kinh doanh xăng dầu", "2014-11-01"),
        ],
    ),
}

ONE_STOP_BASIS = ("61/2018/NĐ-CP", "Nghị định về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính", "2018-06-21")

COUNTER = "Trung tâm Phục vụ - Kiểm soát thủ tục hành chính tỉnh Quảng Ngãi"
ADDRESS = "54 Hùng Vương, phường Cẩm Thành, tỉnh Quảng Ngãi"

# Documents every kind of procedure may ask for: (slot, name, form or None).
COMMON_DOCUMENTS = (
    ("ban-sao-giay-to-phap-ly", "Bản sao giấy chứng nhận đăng ký doanh nghiệp hoặc quyết định thành lập", None),
    ("can-cuoc", "Bản chụp căn cước của người đề nghị", None),
    ("thuyet-minh", "Bản thuyết minh điều kiện cơ sở vật chất, trang thiết bị", "Mẫu 02"),
    ("so-do-vi-tri", "Sơ đồ vị trí khu vực đề nghị", None),
    ("bao-cao-ket-qua", "Báo cáo kết quả hoạt động năm trước", "Mẫu 05"),
    ("danh-sach-nhan-su", "Danh sách nhân sự kèm văn bằng chuyên môn", "Mẫu 03"),
    ("hop-dong-thue", "Bản sao hợp đồng thuê địa điểm hoặc giấy tờ về quyền sử dụng đất", None),
    ("ket-qua-kiem-nghiem", "Phiếu kết quả kiểm nghiệm mẫu sản phẩm", None),
    ("bien-lai-phi", "Bản chụp biên lai nộp phí, lệ phí", None),
)
OPTIONAL_DOCUMENTS = (
    ("giay-uy-quyen", "Giấy ủy quyền", None, "Khi người nộp hồ sơ được ủy quyền"),
    ("ban-chinh-cu", "Bản chính giấy đã được cấp", None, "Khi đề nghị cấp lại, điều chỉnh hoặc cấp đổi"),
    ("van-ban-giai-trinh", "Văn bản giải trình lý do", None, "Khi giấy đã cấp bị mất hoặc hỏng"),
)

SUMMARY_EXTRAS = (
    "Hồ sơ nộp trực tuyến được kiểm tra xem đã đủ chưa; nếu thiếu, cán bộ báo một lần, bằng văn bản.",
    "Người nộp có thể theo dõi tình trạng hồ sơ bằng mã hồ sơ và số căn cước.",
    "Kết quả có giá trị trên phạm vi toàn quốc, trừ khi có ghi chú khác.",
    "Cơ sở phải duy trì điều kiện trong suốt thời gian giấy còn hiệu lực.",
    "Thủ tục áp dụng cả cho ngư dân, hộ kinh doanh và doanh nghiệp ngoài tỉnh có cơ sở tại Quảng Ngãi.",
)
CONDITIONS = (
    "Cơ sở có địa điểm, trang thiết bị phù hợp và người phụ trách có trình độ chuyên môn theo quy định.",
    "Người đề nghị không đang trong thời gian bị xử phạt vi phạm hành chính trong lĩnh vực này.",
    "Có hồ sơ đầy đủ, hợp lệ và đã nộp phí, lệ phí theo quy định.",
)
# (code, kind, text): a ground is a matter of scope or substance, never a missing paper.
REFUSAL_GROUNDS = (
    ("ngoai-tham-quyen", "competence", "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan."),
    ("khong-thuoc-doi-tuong", "eligibility", "Người đề nghị không thuộc đối tượng của thủ tục này."),
    ("khong-du-dieu-kien", "conditions", "Cơ sở chưa đáp ứng điều kiện theo quy định."),
    ("gia-mao", "falsified", "Hồ sơ có giấy tờ giả mạo hoặc thông tin kê khai không trung thực."),
)
FEE_AMOUNTS = (20000, 40000, 50000, 100000, 150000, 200000, 300000, 500000, 700000, 1000000, 1500000)
FEE_UNITS = ("tấn", "ha", "m²", "lồng", "tàu")

# Source-shaped form fields (as an editor writes them); the compiler fills in the rest.
FORM_FIELDS: tuple[dict, ...] = (
    {"name": "hinh_thuc", "label": "Bạn đề nghị", "type": "choice",
     "options": [{"value": "cap-moi", "label": "Cấp mới"}, {"value": "cap-lai", "label": "Cấp lại"},
                 {"value": "gia-han", "label": "Gia hạn"}]},
    {"name": "ten_co_so", "label": "Tên cơ sở", "type": "text", "max_length": 200},
    {"name": "dia_chi_co_so", "label": "Địa chỉ cơ sở", "type": "address"},
    {"name": "ma_so_thue", "label": "Mã số thuế của tổ chức", "type": "tax_code", "required": False},
    {"name": "so_cccd_nguoi_dai_dien", "label": "Số căn cước của người đại diện", "type": "citizen_id"},
    {"name": "dien_thoai_co_so", "label": "Số điện thoại của cơ sở", "type": "phone"},
    {"name": "ngay_bat_dau", "label": "Ngày dự kiến bắt đầu hoạt động", "type": "date"},
    {"name": "dien_tich", "label": "Diện tích", "type": "number", "unit": "m²", "min": 1},
    {"name": "san_luong", "label": "Sản lượng dự kiến mỗi năm", "type": "number", "unit": "tấn", "min": 0},
    {"name": "so_dang_ky_tau", "label": "Số đăng ký tàu cá", "type": "vessel_number", "required": False,
     "help": "Ghi đúng như trên giấy chứng nhận đăng ký tàu cá, ví dụ QNg-90123-TS."},
    {"name": "noi_dung_de_nghi", "label": "Nội dung đề nghị", "type": "textarea", "max_length": 1000,
     "required": False},
)
